package org.bluebutton.analytics.reporting;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tool's version: the Maven project version, filtered into a resource at build time. */
public final class ToolVersion {

    /** Name of the tool in the manifest. */
    public static final String TOOL = "bluebutton-reporting";
    private static final String VERSION = load();

    private ToolVersion() {
    }

    /** e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when run from unfiltered classes. */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ToolVersion.class.getResourceAsStream("/reporting-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
