package cmer.data.sample;

import java.util.Locale;

/**
 * World file + {@code .prj} text for a sample tile: WKT1 as GDAL writes it for EPSG:4326 and the WGS 84 / UTM
 * north zones (templates: cmer.data may not use cmer.geo, and these two CRSs need no library to write), and the
 * UTM forward projection (Snyder, "Map Projections: A Working Manual", eqs. 8-9 to 8-15; mm-level within a zone).
 */
final class GeoSidecars {
    private static final String GEOGCS = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],"
            + "AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,"
            + "AUTHORITY[\"EPSG\",\"9122\"]]%sAUTHORITY[\"EPSG\",\"4326\"]]";
    private static final double A = 6378137, F = 1 / 298.257223563, E2 = F * (2 - F), EP2 = E2 / (1 - E2), K0 = 0.9996;

    private GeoSidecars() { }

    /** WKT1 of EPSG:4326 (axis order latitude, longitude as EPSG says; world files stay x = longitude). */
    static String wgs84Wkt() { return String.format(Locale.ROOT, GEOGCS, ",AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],"); }

    /** WKT1 of WGS 84 / UTM zone {@code zone}N (EPSG:326zz). */
    static String utmWkt(int zone) {
        return String.format(Locale.ROOT, "PROJCS[\"WGS 84 / UTM zone %dN\",%s,PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],"
                + "PARAMETER[\"central_meridian\",%d],PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000],"
                + "PARAMETER[\"false_northing\",0],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],"
                + "AUTHORITY[\"EPSG\",\"326%02d\"]]", zone, String.format(Locale.ROOT, GEOGCS, ","), 6 * zone - 183, zone);
    }

    static int utmZone(double lon) { return (int) Math.floor((lon + 180) / 6) + 1; }

    /** (easting, northing) in metres of a WGS84 point in UTM zone {@code zone}, northern hemisphere. */
    static double[] utm(double lon, double lat, int zone) {
        double phi = Math.toRadians(lat), lam = Math.toRadians(lon - (6 * zone - 183));
        double sin = Math.sin(phi), cos = Math.cos(phi), tan = Math.tan(phi);
        double n = A / Math.sqrt(1 - E2 * sin * sin), t = tan * tan, c = EP2 * cos * cos, a = cos * lam;
        double e4 = E2 * E2, e6 = e4 * E2;
        double m = A * ((1 - E2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * phi - (3 * E2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * Math.sin(2 * phi)
                + (15 * e4 / 256 + 45 * e6 / 1024) * Math.sin(4 * phi) - 35 * e6 / 3072 * Math.sin(6 * phi));
        double x = K0 * n * (a + (1 - t + c) * Math.pow(a, 3) / 6 + (5 - 18 * t + t * t + 72 * c - 58 * EP2) * Math.pow(a, 5) / 120) + 500000;
        double y = K0 * (m + n * tan * (a * a / 2 + (5 - t + 9 * c + 4 * c * c) * Math.pow(a, 4) / 24
                + (61 - 58 * t + t * t + 600 * c - 330 * EP2) * Math.pow(a, 6) / 720));
        return new double[] {x, y};
    }

    /**
     * The six lines of a north-up world file: pixel size x, 0, 0, −pixel size y, then the CENTRE of the top-left
     * pixel whose outer corner is (x0, y0).
     */
    static String worldFile(double x0, double y0, double px, double py) {
        return String.format(Locale.ROOT, "%.12g%n0.0%n0.0%n%.12g%n%.6f%n%.6f%n", px, -py, x0 + px / 2, y0 - py / 2).replace(System.lineSeparator(), "\n");
    }

    /** Like {@link #worldFile} with degrees (more decimals for the origin). */
    static String worldFileDegrees(double lon0, double lat0, double px, double py) {
        return String.format(Locale.ROOT, "%.12g%n0.0%n0.0%n%.12g%n%.10f%n%.10f%n", px, -py, lon0 + px / 2, lat0 - py / 2).replace(System.lineSeparator(), "\n");
    }
}
