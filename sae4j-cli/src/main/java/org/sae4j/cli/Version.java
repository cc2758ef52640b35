package org.sae4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The project version, filtered into a resource by Maven so it is never written twice. */
public final class Version implements CommandLine.IVersionProvider {

    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("/org/sae4j/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"sae4j " + get(), "JDK " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + ")"};
    }
}
