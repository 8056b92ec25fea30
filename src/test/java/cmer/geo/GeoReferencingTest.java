package cmer.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cmer.core.CmerException;
import cmer.core.Footprint;
import cmer.data.GdalOracle;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Georeferencing checked against GDAL's own reading of the same files ({@code gdalinfo -json}). */
class GeoReferencingTest {
    static final Path RGB = Path.of("../shared/realdata/geotiff/RGB.byte.tif");
    static final String UTM33 = "PROJCS[\"WGS 84 / UTM zone 33N\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],"
            + "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],"
            + "PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",15],PARAMETER[\"scale_factor\",0.9996],"
            + "PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1],AXIS[\"Easting\",EAST],"
            + "AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"32633\"]]";

    @TempDir Path dir;
    final GeoReferencing geo = new GeoReferencing();

    static JsonNode gdalinfo(Path p) throws Exception {
        assumeTrue(GdalOracle.available(), "gdalinfo not installed (apt-get install gdal-bin): cannot compare with GDAL");
        return new ObjectMapper().readTree(GdalOracle.run("gdalinfo", "-json", p.toString()));
    }

    /** Same geotransform, and the same WGS84 corners (GDAL lists UL, LL, LR, UR; we go clockwise UL, UR, LR, LL). */
    static void assertMatchesGdal(Footprint f, JsonNode g) {
        for (int i = 0; i < 6; i++) assertEquals(g.get("geoTransform").get(i).asDouble(), f.geoTransform()[i], 1e-9, "geoTransform[" + i + "]");
        assertEquals(g.get("size").get(0).asInt(), f.width());
        assertEquals(g.get("size").get(1).asInt(), f.height());
        JsonNode ring = g.get("wgs84Extent").get("coordinates").get(0);   // present for GeoTIFF (GDAL reads its CRS)
        int[] gdalIndex = {0, 3, 2, 1, 0};
        for (int i = 0; i < 5; i++) {
            assertEquals(ring.get(gdalIndex[i]).get(0).asDouble(), f.ringLonLat()[i][0], 2e-7, "lon of corner " + i);
            assertEquals(ring.get(gdalIndex[i]).get(1).asDouble(), f.ringLonLat()[i][1], 2e-7, "lat of corner " + i);
        }
    }

    /**
     * GDAL's PNG driver reads the world file but not the .prj: compare the geotransform with gdalinfo and the
     * WGS84 corners with {@code gdaltransform -s_srs file.prj}.
     */
    static void assertMatchesGdalWorldFile(Footprint f, Path image, Path prj) throws Exception {
        JsonNode g = gdalinfo(image);
        for (int i = 0; i < 6; i++) assertEquals(g.get("geoTransform").get(i).asDouble(), f.geoTransform()[i], 1e-9, "geoTransform[" + i + "]");
        StringBuilder in = new StringBuilder();
        for (double[] c : f.ringNative()) in.append(c[0]).append(' ').append(c[1]).append('\n');
        Path pts = image.resolveSibling("corners.txt");
        Files.writeString(pts, in);
        String out = GdalOracle.run("sh", "-c", "gdaltransform -s_srs '" + prj + "' -t_srs EPSG:4326 -output_xy < '" + pts + "'");
        String[] lines = out.strip().split("\n");
        assertEquals(5, lines.length, out);
        for (int i = 0; i < 5; i++) {
            String[] xy = lines[i].strip().split("\\s+");
            assertEquals(Double.parseDouble(xy[0]), f.ringLonLat()[i][0], 1e-9, "lon of corner " + i);
            assertEquals(Double.parseDouble(xy[1]), f.ringLonLat()[i][1], 1e-9, "lat of corner " + i);
        }
    }

    @Test
    void realGeoTiffIsUtm18NorthLikeGdalSays() throws Exception {
        assumeTrue(Files.isRegularFile(RGB), "real data not present at " + RGB.toAbsolutePath());
        Footprint f = geo.read(RGB).orElseThrow();
        assertEquals("EPSG:32618", f.crs());
        assertEquals(101985.0, f.geoTransform()[0], 1e-9);
        assertEquals(2826915.0, f.geoTransform()[3], 1e-9);
        assertEquals(300.0379266750948, f.geoTransform()[1], 1e-12);
        assertEquals(-300.041782729805, f.geoTransform()[5], 1e-12);
        assertEquals(101985.0 + 791 * 300.0379266750948, f.ringNative()[2][0], 1e-6);
        assertMatchesGdal(f, gdalinfo(RGB));
    }

    private Path png(String name) throws Exception {
        Path p = dir.resolve(name);
        ImageIO.write(new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB), "png", p.toFile());
        return p;
    }

    @Test
    void worldFileWithUtmPrjLikeGdal() throws Exception {
        Path p = png("tile.png");
        // pixel centres: top-left centre at (310000.5, 5040000 - 0.5), 1 m pixels
        Files.writeString(dir.resolve("tile.pgw"), "1.0\n0.0\n0.0\n-1.0\n310000.5\n5039999.5\n");
        Files.writeString(dir.resolve("tile.prj"), UTM33);
        Footprint f = geo.read(p).orElseThrow();
        assertEquals("EPSG:32633", f.crs());
        assertEquals(310000.0, f.geoTransform()[0], 1e-9);
        assertEquals(5040000.0, f.geoTransform()[3], 1e-9);
        assertEquals(160, f.width());
        assertTrue(f.ringLonLat()[0][0] > 12 && f.ringLonLat()[0][0] < 13 && f.ringLonLat()[0][1] > 45 && f.ringLonLat()[0][1] < 46,
                java.util.Arrays.toString(f.ringLonLat()[0]));
        assertMatchesGdalWorldFile(f, p, dir.resolve("tile.prj"));
    }

    @Test
    void worldFileWithWgs84PrjAndLongExtension() throws Exception {
        Path p = png("geo.png");
        Files.writeString(dir.resolve("geo.wld"), "0.00001\n0\n0\n-0.00001\n12.300005\n45.499995\n");
        Files.writeString(dir.resolve("geo.prj"), "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],"
                + "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],"
                + "AUTHORITY[\"EPSG\",\"4326\"]]");
        Footprint f = geo.read(p).orElseThrow();
        assertEquals("EPSG:4326", f.crs());
        assertEquals(12.3, f.ringLonLat()[0][0], 1e-9, "x of the world file is longitude even with a lat/lon axis order CRS");
        assertEquals(45.5, f.ringLonLat()[0][1], 1e-9);
        assertEquals(12.3016, f.ringLonLat()[2][0], 1e-9);
        assertMatchesGdalWorldFile(f, p, dir.resolve("geo.prj"));
    }

    @Test
    void plainTiffWithTfwSidecar() throws Exception {
        Path tif = dir.resolve("scan.tif");
        ImageIO.write(new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB), "tiff", tif.toFile());
        Files.writeString(dir.resolve("scan.tfw"), "2.0\n0.0\n0.0\n-2.0\n300001.0\n5000099.0\n");
        Files.writeString(dir.resolve("scan.prj"), UTM33);
        Footprint f = geo.read(tif).orElseThrow();
        assertEquals("EPSG:32633", f.crs());
        assertEquals(300000.0, f.ringNative()[0][0], 1e-9);
        assertEquals(5000100.0 - 80, f.ringNative()[2][1], 1e-9);
        assertEquals(50, f.width());
    }

    @Test
    void noGeoreferencingGivesNoFootprint() throws Exception {
        Path p = png("plain.png");
        assertTrue(geo.read(p).isEmpty());
        Files.writeString(dir.resolve("plain.pgw"), "1\n0\n0\n-1\n0\n0\n");
        assertTrue(geo.read(p).isEmpty(), "a world file without .prj: CRS unknown");
        Path tif = dir.resolve("plain.tif");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "tiff", tif.toFile());
        assertTrue(geo.read(tif).isEmpty(), "a TIFF without GeoTIFF tags");
    }

    @Test
    void badSidecarsNameFileAndLine() throws Exception {
        Path p = png("bad.png");
        Files.writeString(dir.resolve("bad.pgw"), "1\n0\nzero\n-1\n0\n0\n");
        Files.writeString(dir.resolve("bad.prj"), UTM33);
        CmerException e = assertThrows(CmerException.class, () -> geo.read(p));
        assertTrue(e.getMessage().contains("bad.pgw:3") && e.getMessage().contains("zero"), e.getMessage());
        Files.writeString(dir.resolve("bad.pgw"), "1\n0\n0\n-1\n0\n0\n");
        Files.writeString(dir.resolve("bad.prj"), "PROJCS[\"broken\"");
        e = assertThrows(CmerException.class, () -> geo.read(p));
        assertTrue(e.getMessage().contains("bad.prj"), e.getMessage());
    }
}
