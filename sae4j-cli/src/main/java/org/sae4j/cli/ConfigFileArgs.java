package org.sae4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.sae4j.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Turns {@code --config FILE} into command-line options. The file (JSON or YAML) is a map from option names
 * to values, e.g. {@code {encoder: [128, 64, 32], rho: 0.05, epochs: 3}}; its options are inserted before the
 * user's own, so flags typed on the command line win. Reusing picocli's parser means a config file accepts
 * exactly the options, types and checks of the command line, documented once in {@code --help}.
 */
final class ConfigFileArgs {
    private ConfigFileArgs() {
    }

    static String[] expand(CommandLine root, String[] args) {
        if (args.length == 0) {
            return args;
        }
        CommandLine sub = root.getSubcommands().get(args[0]);
        Path file = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                file = Path.of(args[i + 1]);
            } else if (args[i].startsWith("--config=")) {
                file = Path.of(args[i].substring("--config=".length()));
            }
        }
        if (sub == null || file == null) {
            return args;
        }
        List<String> out = new ArrayList<>();
        out.add(args[0]);
        out.addAll(optionsFrom(file, sub));
        out.addAll(Arrays.asList(args).subList(1, args.length));
        return out.toArray(String[]::new);
    }

    private static List<String> optionsFrom(Path file, CommandLine sub) {
        JsonNode tree;
        try {
            boolean json = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
            ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
            tree = mapper.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Config file '" + file + "' does not exist.");
        } catch (IOException e) {
            throw new InvalidInputException("Config file '" + file + "' is not valid JSON or YAML ("
                    + e.getMessage().lines().findFirst().orElse("") + ").");
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidInputException("Config file '" + file + "' must hold a map of option names to values, "
                    + "e.g. 'epochs: 3'.");
        }
        List<String> options = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = "--" + e.getKey().replace('_', '-');
            OptionSpec spec = sub.getCommandSpec().findOption(name);
            if (spec == null || name.equals("--config")) {
                throw new InvalidInputException("Config file '" + file + "' has unknown field '" + e.getKey()
                        + "'; expected an option of 'sae4j " + sub.getCommandName() + " --help' without its dashes.");
            }
            JsonNode v = e.getValue();
            if (spec.arity().max() == 0) {
                if (!v.isBoolean()) {
                    throw new InvalidInputException("Config file '" + file + "' field '" + e.getKey()
                            + "' is " + v + "; expected true or false.");
                }
                if (v.asBoolean()) {
                    options.add(name);
                }
            } else if (v.isArray()) {
                List<String> parts = new ArrayList<>();
                v.forEach(x -> parts.add(x.asText()));
                options.add(name + "=" + String.join(",", parts));
            } else if (v.isValueNode() && !v.isNull()) {
                options.add(name + "=" + v.asText());
            } else {
                throw new InvalidInputException("Config file '" + file + "' field '" + e.getKey() + "' is " + v
                        + "; expected a number, text, true/false or a list.");
            }
        }
        return options;
    }
}
