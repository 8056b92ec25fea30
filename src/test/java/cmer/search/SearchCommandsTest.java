package cmer.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.cli.Cmer;
import cmer.geo.GdalTools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** cmer index / search / export end to end through the command line; exports read back with GDAL's own tools. */
class SearchCommandsTest {
    @TempDir static Path tmp;
    static Path model, images, index;

    record Run(int code, String out, String err) { }

    static Run cmer(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Cmer.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void setUp() throws Exception {
        model = SearchFixtures.model(tmp.resolve("m"), 5);
        images = SearchFixtures.images(tmp.resolve("imgs"));
        index = tmp.resolve("idx");
        Run r = cmer("index", "--model", model.toString(), "--images", images.toString(), "--out", index.toString(), "--batch", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("embedded   8") && r.out().contains("images/s"), r.out());
    }

    @Test
    void searchPrintsRankedHitsAsTableAndJson() throws Exception {
        Run t = cmer("search", "--index", index.toString(), "planes near the terminal", "--top", "3", "--attention", tmp.resolve("att").toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("8 images, exact search"), t.out());
        assertTrue(t.out().contains("EPSG:326") || t.out().contains("EPSG:4326"), t.out());
        try (Stream<Path> s = Files.list(tmp.resolve("att"))) {
            assertEquals(3, s.filter(p -> p.toString().endsWith("_attention.png")).count());
        }
        Run j = cmer("search", "--index", index.toString(), "a ship in the port", "--top", "8", "--scene", "port", "--json");
        assertEquals(0, j.code(), j.err());
        JsonNode hits = new ObjectMapper().readTree(j.out());
        assertEquals(2, hits.size());
        hits.forEach(h -> assertEquals("port", h.get("scene").asText()));
        Run bad = cmer("search", "--index", index.toString(), "x", "--bbox", "1,2,3");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--bbox"), bad.err());
        Run other = cmer("search", "--index", index.toString(), "x", "--model", SearchFixtures.model(tmp.resolve("m-other"), 6).toString());
        assertEquals(2, other.code());
        assertTrue(other.err().contains("was built with"), other.err());
    }

    @Test
    void exportWritesEveryFormatAndGdalReadsIt() throws Exception {
        Assumptions.assumeTrue(GdalTools.version().isPresent(), "GDAL command-line tools (gdal-bin) are not installed: cannot check the export with ogrinfo/gdalinfo");
        Path out = tmp.resolve("export");
        Run r = cmer("export", "--index", index.toString(), "planes near the terminal", "--top", "5", "--out", out.toString(), "--attention");
        assertEquals(0, r.code(), r.err());
        List<String> tifs = new ArrayList<>();
        try (Stream<Path> s = Files.list(out.resolve("images"))) { s.map(p -> p.getFileName().toString()).forEach(tifs::add); }
        long georef = tifs.stream().filter(n -> n.endsWith(".tif") && !n.endsWith("_attention.tif")).count();
        for (String f : List.of("results.shp", "results.dbf", "results.prj", "results.cpg", "results.gpkg", "results.csv", "results.geojson"))
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        assertTrue(tool("ogrinfo", "-al", "-so", out.resolve("results.shp").toString()).contains("Feature Count: " + georef));
        assertTrue(tool("ogrinfo", "-al", "-so", out.resolve("results.gpkg").toString()).contains("Feature Count: " + georef));
        assertEquals(6, Files.readAllLines(out.resolve("results.csv"), StandardCharsets.UTF_8).size(), "header + 5 hits");
        // every attention GeoTIFF is single-band float32 with exactly the image's geotransform and size
        int checked = 0;
        for (String n : tifs) {
            if (!n.endsWith("_attention.tif")) continue;
            JsonNode a = new ObjectMapper().readTree(tool("gdalinfo", "-json", out.resolve("images").resolve(n).toString()));
            JsonNode img = new ObjectMapper().readTree(tool("gdalinfo", "-json", out.resolve("images").resolve(n.replace("_attention", "")).toString()));
            assertEquals(1, a.get("bands").size());
            assertEquals("Float32", a.get("bands").get(0).get("type").asText());
            assertEquals(img.get("size"), a.get("size"));
            for (int i = 0; i < 6; i++)
                assertEquals(img.get("geoTransform").get(i).asDouble(), a.get("geoTransform").get(i).asDouble(), 1e-9, n + " geotransform[" + i + "]");
            checked++;
        }
        assertEquals(georef, checked);
        assertTrue(checked > 0);
        assertEquals(2, cmer("export", "--index", index.toString(), "x", "--out", out.toString()).code(), "no overwrite without --force");
        assertEquals(0, cmer("export", "--index", index.toString(), "x", "--out", out.toString(), "--force", "--formats", "csv").code());
    }

    @Test
    void withoutModelTheShippedSampleModelIsUsed() throws Exception {
        Path sample = Path.of("sample-data", "models", "tiny-clip", "model.safetensors");
        Assumptions.assumeTrue(Files.isRegularFile(sample), "the shipped sample model " + sample + " is not in this checkout");
        Path imgs = tmp.resolve("two"), idx = tmp.resolve("two-idx");
        Files.createDirectories(imgs);
        for (String n : List.of("airport_0000", "forest_0005"))
            for (String ext : List.of("jpg", "jgw", "prj")) Files.copy(SearchFixtures.SAMPLE.resolve(n + "." + ext), imgs.resolve(n + "." + ext));
        Run r = cmer("index", "--images", imgs.toString(), "--out", idx.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("tiny-clip"), r.out());
        Run s = cmer("search", "--index", idx.toString(), "planes near the terminal", "--json");
        assertEquals(0, s.code(), s.err());
        assertEquals(2, new ObjectMapper().readTree(s.out()).size());
    }

    static String tool(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), List.of(cmd) + ": " + out);
        return out;
    }
}
