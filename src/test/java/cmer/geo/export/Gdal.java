package cmer.geo.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cmer.geo.GdalTools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs GDAL's command-line tools as an independent reader of our files (tests skip when GDAL is absent). */
final class Gdal {
    record Out(int code, String out, String err) { }

    private Gdal() { }

    static void assumeInstalled() {
        Assumptions.assumeTrue(GdalTools.version().isPresent(), "GDAL command-line tools (gdal-bin) are not installed: cannot check exports with gdalinfo/ogrinfo");
    }

    static Out run(String... cmd) throws IOException, InterruptedException {
        Path err = Files.createTempFile("gdal", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) { p.destroyForcibly(); throw new IOException("timeout: " + List.of(cmd)); }
            return new Out(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Output of a tool that must succeed without a word on stderr (GDAL prints warnings there). */
    static String clean(String... cmd) throws IOException, InterruptedException {
        Out o = run(cmd);
        assertEquals(0, o.code(), List.of(cmd) + " failed: " + o.err());
        assertEquals("", o.err().strip(), List.of(cmd) + " warned");
        return o.out();
    }

    static JsonNode gdalinfo(Path tif) throws IOException, InterruptedException {
        return new ObjectMapper().readTree(clean("gdalinfo", "-json", tif.toString()));
    }
}
