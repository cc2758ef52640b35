package org.sae4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a main class in a fresh JVM on the tests' classpath (for small heaps, or a JIT that starts cold). */
public final class ChildJvm {
    public record Result(int code, String output) {
    }

    private ChildJvm() {
    }

    /** Output is stdout and stderr together, without the JVM's note that it uses an incubator module. */
    public static Result run(List<String> jvmOptions, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        int code = p.waitFor();
        StringBuilder kept = new StringBuilder();
        output.lines().filter(l -> !l.contains("Using incubator modules")).forEach(l -> kept.append(l).append('\n'));
        return new Result(code, kept.toString());
    }

    /** The {@code sae4j} command line in a JVM whose heap is {@code heap} (e.g. "64m"). */
    public static Result sae4j(String heap, String... args) throws IOException, InterruptedException {
        return run(List.of("-Xmx" + heap), "org.sae4j.cli.Main", args);
    }
}
