package org.sae4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java API tour is this test's source: its ```java block is read from README.md, compiled as the
 * body of a main method (its imports kept as they are written) and run in a fresh JVM in an empty folder, so a
 * wrong import, a renamed method or a changed signature in the README fails here instead of on a reader.
 */
class ApiTourTest {
    /** Checks run after the README's code, on the variables it defines. */
    private static final String CHECKS = """
            System.out.println("epochs=" + history.epochs().size());
            System.out.println("codes=" + codes.rows() + "x" + codes.cols());
            System.out.println("recon=" + recon.cols());
            System.out.println("quality=" + (report.mse() < 0.08 && report.fvu() < 0.9));
            System.out.println("reloaded=" + java.util.Arrays.equals(codes.values(), back.encode(test).values()));
            System.out.println("decoded=" + java.util.Arrays.equals(recon.values(), ae.decode(codes).values()));
            System.out.println("saeL0=" + Math.round(Metrics.evaluate(sae, test, null).l0()));
            System.out.println("exported=" + java.nio.file.Files.isRegularFile(Path.of("my-sae", "cfg.json")));
            """;

    @TempDir
    Path dir;

    @Test
    void readmeJavaBlockCompilesAndRuns() throws Exception {
        String block = javaBlock(readme());
        List<String> imports = block.lines().filter(l -> l.startsWith("import ")).toList();
        String body = block.lines().filter(l -> !l.startsWith("import ")).collect(Collectors.joining("\n"));
        String source = String.join("\n", imports) + "\n\npublic final class ReadmeTour {\n"
                + "    public static void main(String[] args) throws Exception {\n" + body + "\n" + CHECKS + "    }\n}\n";
        Path src = dir.resolve("src/ReadmeTour.java");
        Path classes = dir.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(diagnostics, null, null, List.of("-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), "--add-modules", "jdk.incubator.vector"), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(src.toFile())).call();
        assertTrue(compiled, "the README's ```java block does not compile:\n" + diagnostics + "\n" + source);

        Path work = Files.createDirectories(dir.resolve("work"));
        ChildJvm.Result r = ChildJvm.run(work, classes, List.of("-Xmx1g"), "ReadmeTour");
        assertEquals(0, r.code(), r.output());
        Map<String, String> seen = r.output().lines().filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1), (a, b) -> b));
        assertEquals(Map.of("epochs", "3", "codes", "1000x32", "recon", "784", "quality", "true", "reloaded", "true",
                "decoded", "true", "saeL0", "32", "exported", "true"), seen, r.output());
        assertTrue(Files.isRegularFile(work.resolve("model.safetensors")), "the tour saves its model where it says");
    }

    /** The first ```java block of the README. */
    static String javaBlock(String readme) {
        int start = readme.indexOf("```java\n");
        assertTrue(start >= 0, "README.md has no ```java block");
        int from = start + "```java\n".length();
        int end = readme.indexOf("\n```", from);
        return readme.substring(from, end + 1);
    }

    /** README.md at the root of the project: the tests run in a module folder below it. */
    private static String readme() throws IOException {
        List<Path> tried = new ArrayList<>();
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("README.md");
            tried.add(candidate);
            if (Files.isRegularFile(candidate) && Files.isRegularFile(d.resolve("pom.xml"))
                    && Files.isDirectory(d.resolve("sae4j-core"))) {
                return Files.readString(candidate);
            }
        }
        throw new IOException("README.md not found; tried " + tried);
    }
}
