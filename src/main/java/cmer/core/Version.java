package cmer.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of the tool and its main libraries, read from {@code cmer/version.properties} (filled in by Maven). */
public final class Version {
    private static final Properties P = new Properties();

    static {
        try (InputStream in = Version.class.getResourceAsStream("/cmer/version.properties")) {
            if (in != null) P.load(in);
        } catch (IOException ignored) {
            // versions then read "unknown"; nothing depends on them but the About box and doctor
        }
    }

    private Version() { }

    public static String of(String key) { return P.getProperty(key, "unknown"); }

    public static String tool() { return of("cmer"); }
}
