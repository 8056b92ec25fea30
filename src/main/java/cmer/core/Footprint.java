package cmer.core;

import java.util.Arrays;

/**
 * Where an image lies on the Earth: its CRS, the affine pixel → CRS transform, and its outline both in
 * that CRS and in WGS84 longitude/latitude. Plain numbers so every layer can carry it; {@code cmer.geo}
 * builds and reads it (Apache SIS) and turns it into JTS geometries for export.
 *
 * @param crs          authority code such as {@code "EPSG:32618"} when known, else the CRS as WKT
 * @param geoTransform GDAL order: {@code x0, pixelWidth, rowRotation, y0, columnRotation, pixelHeight}
 *                     (pixel corner convention: (x0, y0) is the outer corner of the top-left pixel)
 * @param width        image width in pixels
 * @param height       image height in pixels
 * @param ringNative   closed outline in the image CRS, {@code [5][2]} (x, y), corners clockwise from top-left
 * @param ringLonLat   the same outline in WGS84, {@code [5][2]} (longitude, latitude)
 */
public record Footprint(String crs, double[] geoTransform, int width, int height,
                        double[][] ringNative, double[][] ringLonLat) {
    public Footprint {
        if (geoTransform == null || geoTransform.length != 6) throw new IllegalArgumentException("geoTransform needs 6 numbers");
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("footprint size must be positive: " + width + "x" + height);
    }

    /** Bounding box in WGS84: {@code minLon, minLat, maxLon, maxLat}. */
    public double[] bboxLonLat() {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double[] p : ringLonLat) {
            b[0] = Math.min(b[0], p[0]); b[1] = Math.min(b[1], p[1]);
            b[2] = Math.max(b[2], p[0]); b[3] = Math.max(b[3], p[1]);
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Footprint f && crs.equals(f.crs) && Arrays.equals(geoTransform, f.geoTransform)
                && width == f.width && height == f.height
                && Arrays.deepEquals(ringNative, f.ringNative) && Arrays.deepEquals(ringLonLat, f.ringLonLat);
    }

    @Override
    public int hashCode() { return crs.hashCode() * 31 + Arrays.hashCode(geoTransform); }

    @Override
    public String toString() { return "Footprint[" + crs + ", " + width + "x" + height + ", " + Arrays.toString(geoTransform) + "]"; }
}
