package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The build publishes the plain library jars with a clean dependency list, keeps the shaded jar for the
 * command line under its own name, keeps the core free of the command line's and the heavy integrations'
 * libraries, and the launcher, CI and README agree with it.
 */
class PackagingTest {
    /** The repository root: the tests run in this module's folder. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static Document pom(String module) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve(module).resolve("pom.xml").toFile());
    }

    private static String text(Element parent, String tag) {
        NodeList n = parent.getElementsByTagName(tag);
        return n.getLength() == 0 ? null : n.item(0).getTextContent().strip();
    }

    @Test
    void shadedJarIsTheCommandLineNotTheLibraryArtifact() throws Exception {
        NodeList plugins = pom("sae4j-cli").getElementsByTagName("plugin");
        String output = null;
        for (int i = 0; i < plugins.getLength(); i++) {
            Element p = (Element) plugins.item(i);
            if ("maven-shade-plugin".equals(text(p, "artifactId"))) {
                output = text(p, "outputFile");
            }
        }
        assertEquals("${project.build.directory}/sae4j-cli.jar", output, "the shaded jar must not replace the main one");
        assertTrue(Files.readString(ROOT.resolve("sae4j")).contains("jar=\"$here/sae4j-cli/target/sae4j-cli.jar\""));
        assertTrue(Files.readString(ROOT.resolve(".ci/run")).contains("-jar sae4j-cli/target/sae4j-cli.jar"));
        assertTrue(!Files.readString(ROOT.resolve(".ci/run")).contains("target/sae4j.jar"));
    }

    @Test
    void junitStaysOffTheCompileClasspath() throws Exception {
        NodeList deps = pom(".").getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if ("xchart".equals(text(d, "artifactId"))) {
                // pdfbox, under xchart, declares JUnit in compile scope
                List<String> excluded = new ArrayList<>();
                NodeList ex = d.getElementsByTagName("exclusion");
                for (int j = 0; j < ex.getLength(); j++) {
                    excluded.add(text((Element) ex.item(j), "groupId") + ":" + text((Element) ex.item(j), "artifactId"));
                }
                assertTrue(excluded.contains("org.junit.jupiter:*"), excluded.toString());
                return;
            }
        }
        throw new AssertionError("xchart dependency not found");
    }

    @Test
    void readmeTourShowsTheImportsItUses() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String tour = readme.substring(readme.indexOf("```java"), readme.indexOf("```", readme.indexOf("```java") + 7));
        TreeSet<String> imported = new TreeSet<>();
        Matcher m = Pattern.compile("import [\\w.]+\\.(\\w+);").matcher(tour);
        while (m.find()) {
            imported.add(m.group(1));
        }
        for (String type : List.of("DataSources", "Dataset", "Autoencoder", "FitOptions", "Metrics", "Path")) {
            assertTrue(imported.contains(type), type + " is used but not imported in the README tour");
        }
    }

    @Test
    void coreBringsOnlyWhatTheLibraryNeeds() throws Exception {
        NodeList deps = ((Element) pom("sae4j-core").getElementsByTagName("dependencies").item(0)).getElementsByTagName("dependency");
        TreeSet<String> compile = new TreeSet<>();
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if (!"test".equals(text(d, "scope"))) {
                compile.add(text(d, "artifactId"));
            }
        }
        assertEquals(new TreeSet<>(List.of("jackson-databind", "xchart")), compile);
    }
}
