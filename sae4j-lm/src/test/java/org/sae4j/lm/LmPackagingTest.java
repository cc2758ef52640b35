package org.sae4j.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The model jars come without their dependencies (DJL's tokenizer phones home at start-up), and the core stays free
 * of ONNX Runtime: the poms say so, and the test class path proves it.
 */
class LmPackagingTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void everyModelJarExcludesAllItsDependencies() throws Exception {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher m = Pattern.compile("<dependency>\\s*<groupId>dev.langchain4j</groupId>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
        int n = 0;
        while (m.find()) {
            n++;
            assertTrue(m.group(1).contains("<exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion>"), m.group(1));
        }
        assertEquals(3, n);
        for (String jar : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            assertFalse(jar.contains("ai/djl") || jar.contains("langchain4j-core") || jar.contains("/langchain4j/langchain4j/"), jar);
        }
    }

    @Test
    void theCoreDoesNotDependOnOnnxRuntime() throws Exception {
        String core = Files.readString(ROOT.resolve("sae4j-core/pom.xml"));
        assertFalse(core.contains("onnxruntime") || core.contains("sae4j-lm"));
        assertTrue(Files.readString(ROOT.resolve("sae4j-core/src/main/java/org/sae4j/data/StreamProvider.java")).contains("ServiceLoader"));
    }
}
