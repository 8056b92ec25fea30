package cmer.geo.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.CmerException;
import cmer.core.Footprint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;

/** Every export format, read back by GDAL's own tools. */
class ExporterTest {
    /** Origin and pixel size of rasterio's RGB.byte.tif as gdalinfo prints them (EPSG:32618, 300 m pixels). */
    static final double[] UTM_GT = {101985.0, 300.037926675094809, 0, 2826915.0, 0, -300.041782729804993};
    static final double[] WGS84_GT = {8.5, 0.001, 0, 47.4, 0, -0.001};   // Zürich, about 75 m × 110 m pixels
    static final String UTF8_TEXT = "Zürich café 東京";
    static final String LONG_CAPTION = "東".repeat(100);   // 300 UTF-8 bytes: cut to 84 characters = 252 bytes

    @TempDir static Path dir;
    static ResultExport result;
    static Footprint utm, lonLat;

    @BeforeAll
    static void inputs() throws Exception {
        Path a = image(dir.resolve("in/harbour.tif"), 64, 48, 3);
        Path b = image(dir.resolve("in/lake.png"), 32, 32, 3);
        Path c = image(dir.resolve("in/no_georef.png"), 16, 16, 3);
        utm = FootprintMaker.of("EPSG:32618", UTM_GT, 64, 48);
        lonLat = FootprintMaker.of("EPSG:4326", WGS84_GT, 32, 32);
        float[] att = new float[7 * 7];
        for (int i = 0; i < att.length; i++) att[i] = i / 48f;
        result = new ResultExport("a harbour with \"many\" boats, " + UTF8_TEXT, Instant.parse("2026-11-27T10:00:00Z"), "sample-model", 10, "scene=port",
                List.of(new ExportItem(1, 0.8125, "port", a, UTF8_TEXT, Optional.of(utm), Optional.of(new AttentionMap(7, 7, att))),
                        new ExportItem(2, 0.75, "lake", b, LONG_CAPTION, Optional.of(lonLat), Optional.empty()),
                        new ExportItem(3, 0.5, "", c, "no place", Optional.empty(), Optional.empty())));
    }

    static Path image(Path p, int w, int h, int seed) throws Exception {
        Files.createDirectories(p.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, (x * 4 + seed) << 16 | (y * 5) << 8 | (x + y));
        String fmt = p.toString().endsWith(".png") ? "png" : "tiff";
        assertTrue(ImageIO.write(img, fmt, p.toFile()));
        return p;
    }

    @Test
    void shapefileReadsBackInGdalWithUtf8AndTheByteCut() throws Exception {
        Gdal.assumeInstalled();
        Path out = dir.resolve("shp");
        ExportReport rep = Exporter.export(result, out, ExportOptions.defaults().withFormats(EnumSet.of(ExportOptions.Format.SHAPEFILE)));
        String so = Gdal.clean("ogrinfo", "-al", "-so", out.resolve("results.shp").toString());
        assertTrue(so.contains("Geometry: Polygon"), so);
        assertTrue(so.contains("Feature Count: 2"), so);
        for (String f : List.of("rank: Integer", "score: Real", "scene: String", "file: String", "query: String", "caption: String (254.0)"))
            assertTrue(so.contains(f), f + " in " + so);
        assertEquals("EPSG:4326", Gdal.clean("gdalsrsinfo", "-e", out.resolve("results.prj").toString()).lines()
                .filter(l -> l.startsWith("EPSG:")).findFirst().orElse(so).strip());
        assertEquals("UTF-8", Files.readString(out.resolve("results.cpg")));
        String all = Gdal.clean("ogrinfo", "-al", out.resolve("results.shp").toString());
        assertTrue(all.contains("caption (String) = " + UTF8_TEXT + "\n"), all);
        assertTrue(all.contains("caption (String) = " + "東".repeat(84) + "\n"), all);
        assertTrue(all.contains("query (String) = " + result.query()), all);
        assertTrue(all.contains("score (Real) = 0.81250000"), all);
        assertTrue(rep.warnings().stream().anyMatch(w -> w.contains("rank 2") && w.contains("'caption' cut from 300 to 252 bytes")), rep.warnings().toString());
        assertEquals(List.of("rank 3: " + result.items().get(2).file()), rep.notGeoreferenced());
        // the polygons GDAL reads are our lon/lat corners
        List<double[]> pts = points(all);
        assertEquals(10, pts.size());
        assertTrue(pts.stream().anyMatch(p -> near(p, utm.ringLonLat()[0])), "UTM top-left corner in lon/lat");
        assertTrue(pts.stream().anyMatch(p -> near(p, new double[] {8.532, 47.368})), "WGS84 bottom-right corner");
    }

    @Test
    void shapefileBytesFollowTheSpec() throws Exception {
        Path out = dir.resolve("shp-bytes");
        Exporter.export(result, out, ExportOptions.defaults().withFormats(EnumSet.of(ExportOptions.Format.SHAPEFILE)).withVectorCrs(ExportOptions.VectorCrs.WGS84));
        var shp = java.nio.ByteBuffer.wrap(Files.readAllBytes(out.resolve("results.shp")));
        var shx = java.nio.ByteBuffer.wrap(Files.readAllBytes(out.resolve("results.shx")));
        assertEquals(9994, shp.getInt(0));                                  // big-endian file code
        assertEquals(Files.size(out.resolve("results.shp")), shp.getInt(24) * 2L);   // length in 16-bit words
        assertEquals(Files.size(out.resolve("results.shx")), shx.getInt(24) * 2L);
        shp.order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(1000, shp.getInt(28));
        assertEquals(5, shp.getInt(32));
        double[] bb = {shp.getDouble(36), shp.getDouble(44), shp.getDouble(52), shp.getDouble(60)};
        double[] a = utm.bboxLonLat(), b = lonLat.bboxLonLat();
        assertArrayEquals(new double[] {Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])}, bb, 1e-9);
        for (int rec = 0; rec < 2; rec++) {
            shx.order(java.nio.ByteOrder.BIG_ENDIAN);
            int off = shx.getInt(100 + rec * 8) * 2, len = shx.getInt(104 + rec * 8) * 2;
            shp.order(java.nio.ByteOrder.BIG_ENDIAN);
            assertEquals(rec + 1, shp.getInt(off));
            assertEquals(len, shp.getInt(off + 4) * 2);
            shp.order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int n = shp.getInt(off + 8 + 40);
            Coordinate[] ring = new Coordinate[n];
            for (int i = 0; i < n; i++) ring[i] = new Coordinate(shp.getDouble(off + 8 + 48 + 16 * i), shp.getDouble(off + 8 + 56 + 16 * i));
            assertFalse(Orientation.isCCW(ring), "outer ring must be clockwise");
            assertEquals(ring[0], ring[n - 1]);
        }
    }

    @Test
    void nativeCrsShapefileHasTheUtmPrj() throws Exception {
        Gdal.assumeInstalled();
        ResultExport onlyUtm = new ResultExport("q", Instant.now(), List.of(result.items().get(0)));
        Path out = dir.resolve("native");
        Exporter.export(onlyUtm, out, ExportOptions.defaults().withVectorCrs(ExportOptions.VectorCrs.NATIVE)
                .withFormats(EnumSet.of(ExportOptions.Format.SHAPEFILE, ExportOptions.Format.GEOPACKAGE)));
        assertTrue(Gdal.clean("gdalsrsinfo", "-e", out.resolve("results.prj").toString()).contains("EPSG:32618"));
        String all = Gdal.clean("ogrinfo", "-al", out.resolve("results.shp").toString());
        assertTrue(all.contains("POLYGON ((101985 2826915,"), all);   // native corner, exactly
        String gp = Gdal.clean("ogrinfo", "-al", "-so", out.resolve("results.gpkg").toString(), "results");
        assertTrue(gp.contains("ID[\"EPSG\",32618]"), gp);
        CmerException mixed = assertThrows(CmerException.class, () -> Exporter.export(result, dir.resolve("mixed"),
                ExportOptions.defaults().withVectorCrs(ExportOptions.VectorCrs.NATIVE)));
        assertTrue(mixed.getMessage().contains("EPSG:32618, EPSG:4326"), mixed.getMessage());
        assertFalse(Files.exists(dir.resolve("mixed")));
    }

    @Test
    void geoPackageKeepsFullTextsAndTheQueryTable() throws Exception {
        Gdal.assumeInstalled();
        Path out = dir.resolve("gpkg");
        Exporter.export(result, out, ExportOptions.defaults().withFormats(EnumSet.of(ExportOptions.Format.GEOPACKAGE)));
        Path gpkg = out.resolve("results.gpkg");
        String so = Gdal.clean("ogrinfo", "-al", "-so", gpkg.toString(), "results");
        assertTrue(so.contains("Feature Count: 2"), so);
        assertTrue(so.contains("ID[\"EPSG\",4326]"), so);
        String all = Gdal.clean("ogrinfo", "-al", gpkg.toString(), "results");
        assertTrue(all.contains("caption (String) = " + LONG_CAPTION + "\n"), "full 300-byte caption: " + all);
        assertTrue(all.contains("caption (String) = " + UTF8_TEXT), all);
        String q = Gdal.clean("ogrinfo", "-al", gpkg.toString(), "query");
        for (String s : List.of("text (String) = " + result.query(), "model (String) = sample-model", "top_k (Integer64) = 10",
                "filters (String) = scene=port", "results (Integer64) = 3", "2026/11/27 10:00:00"))
            assertTrue(q.contains(s), s + " in " + q);
        assertTrue(Gdal.clean("ogrinfo", "-so", gpkg.toString()).contains("query (None)"));
    }

    @Test
    void geoTiffsKeepCrsAndGeotransformAndCarryAttention() throws Exception {
        Gdal.assumeInstalled();
        Path out = dir.resolve("tif");
        ExportReport rep = Exporter.export(result, out, ExportOptions.defaults().withFormats(EnumSet.of(ExportOptions.Format.GEOTIFF)).withWorldFiles(true));
        assertTrue(rep.files().containsAll(List.of("images/001_harbour.tif", "images/001_harbour.tfw", "images/001_harbour_attention.tif",
                "images/001_harbour_attention.tfw", "images/002_lake.tif", "images/002_lake.tfw")), rep.files().toString());
        JsonNode img = Gdal.gdalinfo(out.resolve("images/001_harbour.tif"));
        assertTrue(img.at("/coordinateSystem/wkt").asText().contains("UTM zone 18N"), img.toString());
        assertTrue(img.at("/coordinateSystem/wkt").asText().contains("ID[\"EPSG\",32618]"), img.toString());
        assertArrayEquals(UTM_GT, doubles(img.get("geoTransform")), 1e-9);
        assertEquals(3, img.get("bands").size());
        assertEquals("Byte", img.at("/bands/0/type").asText());
        assertEquals(64, img.at("/size/0").asInt());
        JsonNode att = Gdal.gdalinfo(out.resolve("images/001_harbour_attention.tif"));
        assertEquals(1, att.get("bands").size());
        assertEquals("Float32", att.at("/bands/0/type").asText());
        assertEquals(7, att.at("/size/0").asInt());
        assertTrue(att.at("/coordinateSystem/wkt").asText().contains("ID[\"EPSG\",32618]"), att.toString());
        double[] agt = doubles(att.get("geoTransform"));
        assertArrayEquals(new double[] {UTM_GT[0], UTM_GT[1] * 64 / 7, 0, UTM_GT[3], 0, UTM_GT[5] * 48 / 7}, agt, 1e-6);
        // the attention grid ends exactly where the image ends
        JsonNode lake = Gdal.gdalinfo(out.resolve("images/002_lake.tif"));
        assertTrue(lake.at("/coordinateSystem/wkt").asText().contains("ID[\"EPSG\",4326]"), lake.toString());
        assertArrayEquals(WGS84_GT, doubles(lake.get("geoTransform")), 1e-12);
        List<String> tfw = Files.readAllLines(out.resolve("images/001_harbour.tfw"));
        assertEquals(UTM_GT[1], Double.parseDouble(tfw.get(0)), 1e-9);
        assertEquals(UTM_GT[0] + UTM_GT[1] / 2, Double.parseDouble(tfw.get(4)), 1e-6);
        assertEquals(UTM_GT[3] + UTM_GT[5] / 2, Double.parseDouble(tfw.get(5)), 1e-6);
        // the pixel values survived: GDAL's checksum equals the one of a GDAL-made copy of the source
        Path copy = dir.resolve("gdal-copy.tif");
        Gdal.clean("gdal_translate", "-q", result.items().get(0).file().toString(), copy.toString());
        assertEquals(checksum(copy), checksum(out.resolve("images/001_harbour.tif")));

        Path extra = dir.resolve("tif-band");
        Exporter.export(result, extra, ExportOptions.defaults().withFormats(EnumSet.of(ExportOptions.Format.GEOTIFF))
                .withAttention(ExportOptions.AttentionBand.EXTRA_BAND));
        JsonNode four = Gdal.gdalinfo(extra.resolve("images/001_harbour.tif"));
        assertEquals(4, four.get("bands").size());
        assertEquals("Float32", four.at("/bands/3/type").asText());
        assertArrayEquals(UTM_GT, doubles(four.get("geoTransform")), 1e-9);
    }

    @Test
    void realLandsatSceneKeepsItsGeoreferencing() throws Exception {
        Gdal.assumeInstalled();
        Path src = Path.of("../shared/realdata/geotiff/RGB.byte.tif");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(src), "../shared/realdata is absent: real GeoTIFF check skipped");
        Footprint fp = FootprintMaker.of("EPSG:32618", UTM_GT, 791, 718);
        ResultExport r = new ResultExport("coast", Instant.now(), List.of(new ExportItem(1, 0.9, "beach", src, "", Optional.of(fp), Optional.empty())));
        Path out = dir.resolve("real");
        Exporter.export(r, out, ExportOptions.defaults().withFormats(EnumSet.of(ExportOptions.Format.GEOTIFF)));
        JsonNode orig = Gdal.gdalinfo(src), ours = Gdal.gdalinfo(out.resolve("images/001_RGB.byte.tif"));
        assertArrayEquals(doubles(orig.get("geoTransform")), doubles(ours.get("geoTransform")), 1e-9);
        assertEquals(orig.at("/cornerCoordinates").toString(), ours.at("/cornerCoordinates").toString());
        assertEquals(checksum(src), checksum(out.resolve("images/001_RGB.byte.tif")));
    }

    @Test
    void csvAndGeoJsonListEveryResult() throws Exception {
        Gdal.assumeInstalled();
        Path out = dir.resolve("tables");
        Exporter.export(result, out, ExportOptions.defaults().withFormats(EnumSet.of(ExportOptions.Format.CSV, ExportOptions.Format.GEOJSON)));
        List<String> csv = Files.readAllLines(out.resolve("results.csv"), StandardCharsets.UTF_8);
        assertEquals(4, csv.size());
        assertTrue(csv.get(3).contains(TableWriters.NO_GEOREF), csv.get(3));
        assertTrue(csv.get(1).contains("\"a harbour with \"\"many\"\" boats"), csv.get(1));
        String so = Gdal.clean("ogrinfo", "-al", "-so", out.resolve("results.geojson").toString());
        assertTrue(so.contains("Feature Count: 3"), so);
        assertTrue(so.contains("ID[\"EPSG\",4326]"), so);
        JsonNode gj = new ObjectMapper().readTree(out.resolve("results.geojson").toFile());
        for (int i = 0; i < 2; i++) {
            JsonNode ring = gj.at("/features/" + i + "/geometry/coordinates/0");
            Coordinate[] c = new Coordinate[ring.size()];
            for (int j = 0; j < c.length; j++) c[j] = new Coordinate(ring.get(j).get(0).asDouble(), ring.get(j).get(1).asDouble());
            assertTrue(Orientation.isCCW(c), "RFC 7946: exterior rings counter-clockwise");
            assertTrue(c[0].x < -76 && c[0].x > -79 || c[0].x > 8.49, "longitude first: " + c[0]);
        }
        assertTrue(gj.at("/features/2/geometry").isNull());
        assertEquals("no georeferencing", gj.at("/features/2/properties/note").asText());
    }

    @Test
    void exportsAreAtomicAndNeverOverwriteWithoutForce() throws Exception {
        Path out = dir.resolve("atomic");
        Exporter.export(result, out, ExportOptions.defaults().withFormats(EnumSet.of(ExportOptions.Format.CSV)));
        CmerException e = assertThrows(CmerException.class, () -> Exporter.export(result, out, ExportOptions.defaults()));
        assertTrue(e.getMessage().contains(out.toAbsolutePath().toString()) && e.getMessage().contains("--force"), e.getMessage());
        // a failing export (image file gone) leaves the old export and no temporary folder
        ExportItem gone = new ExportItem(1, 1, "x", dir.resolve("in/missing.tif"), "", Optional.of(utm), Optional.empty());
        ResultExport bad = new ResultExport("q", Instant.now(), List.of(gone));
        CmerException f = assertThrows(CmerException.class, () -> Exporter.export(bad, out, ExportOptions.defaults().withForce(true)));
        assertTrue(f.getMessage().contains("missing.tif"), f.getMessage());
        assertTrue(Files.exists(out.resolve("results.csv")) && !Files.exists(out.resolve("results.shp")), "old export untouched");
        try (var s = Files.list(dir)) { assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".atomic")), "no temp folder left"); }
        ExportReport ok = Exporter.export(result, out, ExportOptions.defaults().withForce(true));
        assertTrue(Files.exists(out.resolve("results.shp")) && Files.exists(out.resolve("export-report.txt")));
        assertTrue(Files.readString(out.resolve("export-report.txt")).contains("rank 3: "), "report lists the image without georeferencing");
        assertEquals(ok.files().size() + 1, countFiles(out));
    }

    @Test
    void aResultSetWithoutAnyGeoreferencingStillExportsAndSaysSo() throws Exception {
        Gdal.assumeInstalled();
        ResultExport none = new ResultExport("q", Instant.now(), List.of(result.items().get(2)));
        Path out = dir.resolve("none");
        ExportReport rep = Exporter.export(none, out, ExportOptions.defaults());
        assertTrue(rep.warnings().stream().anyMatch(w -> w.startsWith("no result has georeferencing")), rep.warnings().toString());
        assertEquals(1, rep.notGeoreferenced().size());
        assertTrue(Gdal.clean("ogrinfo", "-al", "-so", out.resolve("results.shp").toString()).contains("Feature Count: 0"));
        assertTrue(Gdal.clean("ogrinfo", "-al", "-so", out.resolve("results.gpkg").toString(), "results").contains("Feature Count: 0"));
        assertFalse(Files.exists(out.resolve("images")));
        assertEquals(2, Files.readAllLines(out.resolve("results.csv")).size());
    }

    private static long countFiles(Path p) throws Exception {
        try (var s = Files.walk(p)) { return s.filter(Files::isRegularFile).count(); }
    }

    private static String checksum(Path tif) throws Exception {
        JsonNode j = new ObjectMapper().readTree(Gdal.clean("gdalinfo", "-json", "-checksum", tif.toString()));
        StringBuilder b = new StringBuilder();
        j.get("bands").forEach(x -> b.append(x.get("checksum").asInt()).append(','));
        return b.toString();
    }

    private static double[] doubles(JsonNode arr) {
        double[] d = new double[arr.size()];
        for (int i = 0; i < d.length; i++) d[i] = arr.get(i).asDouble();
        return d;
    }

    private static List<double[]> points(String ogrinfo) {
        List<double[]> pts = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("POLYGON \\(\\(([^)]*)\\)\\)").matcher(ogrinfo);
        while (m.find()) for (String xy : m.group(1).split(",")) {
            String[] p = xy.strip().split(" ");
            pts.add(new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])});
        }
        return pts;
    }

    private static boolean near(double[] a, double[] b) { return Math.abs(a[0] - b[0]) < 1e-6 && Math.abs(a[1] - b[1]) < 1e-6; }
}
