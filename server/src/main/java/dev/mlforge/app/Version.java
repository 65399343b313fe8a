package dev.mlforge.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The platform version, filtered into a resource at build time. */
public final class Version {
    private Version() {}

    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/mlforge/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
