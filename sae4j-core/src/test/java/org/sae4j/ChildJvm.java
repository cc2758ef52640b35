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
        return run(null, null, jvmOptions, mainClass, args);
    }

    /**
     * As {@link #run(List, String, String...)}, in working directory {@code dir} (null: this one), with
     * {@code extraClassPath} (null: none) before the tests' classpath.
     */
    public static Result run(Path dir, Path extraClassPath, List<String> jvmOptions, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = command(jvmOptions, extraClassPath, mainClass, args);
        Process p = new ProcessBuilder(cmd).directory(dir == null ? null : dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        int code = p.waitFor();
        StringBuilder kept = new StringBuilder();
        output.lines().filter(l -> !l.contains("Using incubator modules")).forEach(l -> kept.append(l).append('\n'));
        return new Result(code, kept.toString());
    }

    /** The java command line that runs {@code mainClass} with the tests' classpath (and {@code extraClassPath} first). */
    public static List<String> command(List<String> jvmOptions, Path extraClassPath, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        String classPath = System.getProperty("java.class.path");
        cmd.add(extraClassPath == null ? classPath : extraClassPath + java.io.File.pathSeparator + classPath);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The {@code sae4j} command line in a JVM whose heap is {@code heap} (e.g. "64m"). */
    public static Result sae4j(String heap, String... args) throws IOException, InterruptedException {
        return run(List.of("-Xmx" + heap), "org.sae4j.cli.Main", args);
    }
}
