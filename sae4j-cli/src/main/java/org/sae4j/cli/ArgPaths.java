package org.sae4j.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Makes the file arguments of a command line absolute before it is stored in a checkpoint, so that
 * {@code train --resume OUT} finds the same data from any working directory.
 */
final class ArgPaths {
    static final Set<String> PATH_OPTIONS = Set.of("--data", "--validation-data", "--config", "--labels", "-o", "--out");

    private ArgPaths() {
    }

    /** The arguments as a shell reads them back: each with a character a shell would act on is single-quoted. */
    static String quoted(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        for (String a : args) {
            out.add(a.matches("[A-Za-z0-9_./:=,@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return String.join(" ", out);
    }

    static List<String> absolute(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            if (PATH_OPTIONS.contains(a) && i + 1 < args.size()) {
                out.add(a);
                out.add(absolute(args.get(++i)));
            } else if (a.startsWith("-") && eq > 0 && PATH_OPTIONS.contains(a.substring(0, eq))) {
                out.add(a.substring(0, eq + 1) + absolute(a.substring(eq + 1)));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * The value with its existing file part made absolute: a file or folder, a glob's folder, or the part before
     * a {@code :NAME} suffix. Anything else (embedded, synthetic:..., a missing file) is left as it is.
     */
    static String absolute(String value) {
        try {
            if (Files.exists(Path.of(value))) {
                return Path.of(value).toAbsolutePath().normalize().toString();
            }
            int colon = value.lastIndexOf(':');
            if (colon > 0 && Files.exists(Path.of(value.substring(0, colon)))) {
                return absolute(value.substring(0, colon)) + value.substring(colon);
            }
            Path parent = Path.of(value).getParent();
            if ((value.contains("*") || value.contains("?")) && parent != null && Files.isDirectory(parent)) {
                return parent.toAbsolutePath().normalize().resolve(Path.of(value).getFileName()).toString();
            }
        } catch (InvalidPathException e) {
            // a glob or spec Java cannot parse as a path: keep it verbatim
        }
        return value;
    }
}
