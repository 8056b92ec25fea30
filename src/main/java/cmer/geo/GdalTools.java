package cmer.geo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** GDAL's command-line tools (gdal-bin), used as an independent reader of our exports; optional at run time. */
public final class GdalTools {
    private GdalTools() { }

    /** The version line of {@code gdalinfo --version}, or empty when GDAL is not installed. */
    public static Optional<String> version() {
        try {
            Process p = new ProcessBuilder("gdalinfo", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
