package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Help must read well in an 80-column terminal: no line wrapped back to column 0, no word split in two. */
class HelpLayoutTest {
    private static final String[] COMMANDS = {"", "capture", "train", "eval", "encode", "report", "sweep", "info", "bench"};

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
