package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Help must read well in an 80-column terminal: no line wrapped back to column 0, no word split in two. */
class HelpLayoutTest {
    private static final String[] COMMANDS = {"", "capture", "train", "eval", "encode", "report", "browse", "export",
        "sweep", "info", "bench"};

    private static String help(String command, int width) {
        System.setProperty("picocli.usage.width", Integer.toString(width));
        try {
            CliTest.Run r = command.isEmpty() ? CliTest.run("--help") : CliTest.run(command, "--help");
            assertEquals(0, r.code(), r.err());
            return r.out();
        } finally {
            System.clearProperty("picocli.usage.width");
        }
    }

    private static Set<String> words(String text) {
        return new TreeSet<>(Arrays.asList(text.split("\\s+")));
    }

    @Test
    void helpFitsEightyColumnsWithoutBreakingWordsOrLines() {
        for (String command : COMMANDS) {
            String narrow = help(command, 80);
            String wide = help(command, 200);
            Set<String> split = words(narrow);
            split.removeAll(words(wide));
            assertEquals(Set.of(), split, "'" + command + " --help' splits these words at 80 columns:\n" + narrow);
            Set<String> wideLines = new TreeSet<>(wide.lines().toList());
            for (String line : narrow.lines().toList()) {
                assertTrue(line.length() <= 80, "too long: " + line);
                if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("Usage:")) {
                    assertTrue(wideLines.contains(line), "'" + command + " --help' wrapped to column 0 before: "
                            + line + "\n" + narrow);
                }
            }
        }
    }

    /**
     * A description broken early reads as ragged text: a line followed by a continuation whose first word would
     * still have fitted. Only a list element may end early, and only after '.', ';' or ':', with the next
     * element starting at the description column (a wrapped line is indented two more).
     */
    @Test
    void descriptionsAreNotBrokenEarly() {
        List<String> early = new java.util.ArrayList<>();
        for (String command : COMMANDS) {
            List<String> lines = help(command, 80).lines().toList();
            int column = descriptionColumn(lines);
            for (int i = 0; i + 1 < lines.size(); i++) {
                String line = lines.get(i);
                String next = lines.get(i + 1);
                int indent = indent(next);
                boolean labelOnly = line.strip().startsWith("-") && (line.length() <= column
                        || line.charAt(column - 1) != ' ' || line.charAt(column) == ' ');
                if (line.length() <= column || labelOnly || indent < column
                        || next.strip().startsWith("-")) {
                    continue;
                }
                boolean listElement = indent == column && line.matches(".*[.;:]$");
                String word = next.strip().split("\\s+")[0];
                if (!listElement && line.length() + 1 + word.length() < 80) { // picocli leaves the last column free
                    early.add("'" + command + " --help' breaks this line early (\"" + word + "\" fits after it):\n"
                            + line + "\n" + next);
                }
            }
        }
        assertEquals(List.of(), early, String.join("\n", early));
    }

    /** Where option descriptions start: the least indentation of a line that holds only description text. */
    private static int descriptionColumn(List<String> lines) {
        // After the first blank line: the usage line's own continuation is indented less.
        return lines.stream().dropWhile(l -> !l.isEmpty()).filter(l -> indent(l) >= 10 && !l.strip().startsWith("-"))
                .mapToInt(HelpLayoutTest::indent).min().orElse(Integer.MAX_VALUE);
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    @Test
    void aMalformedCommandLineNamesTheWholeCommandToAskForHelp() {
        CliTest.Run r = CliTest.run("train", "--no-such-flag");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("Try 'sae4j train --help' for the options."), r.err());
        assertTrue(CliTest.run("--no-such-flag").err().contains("Try 'sae4j --help'"));
    }

    /** Every form --data accepts is named in its help, for every command that reads data. */
    @Test
    void dataHelpListsEveryAcceptedForm() {
        String[] forms = {"embedded:", "embedded-held-out:", "fashion-mnist:", "fashion-mnist-test:", "synthetic:KEY=VALUE",
                "dist,", "IDX", ".csv", ".npy", "float16", ".safetensors", "BF16", "FILE.safetensors:NAME", "folder or glob",
                "'acts/part-0[0-3]*'", "acts/:NAME", "activation store"};
        for (String command : new String[] {"train", "eval", "encode", "report", "sweep", "bench"}) {
            String help = help(command, 200);
            for (String form : forms) {
                assertTrue(help.contains(form), "'" + command + " --help' does not name " + form + ":\n" + help);
            }
        }
    }

    @Test
    void commandListShowsWholeSentences() {
        CommandLine main = new CommandLine(new Main());
        for (CommandLine sub : main.getSubcommands().values()) {
            String[] description = sub.getCommandSpec().usageMessage().description();
            String first = description.length > 0 ? description[0] : "";
            assertTrue(first.endsWith("."), sub.getCommandName() + "'s first description line is cut: " + first);
        }
    }
}
