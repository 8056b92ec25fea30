package cmer.geo.export;

import cmer.core.Footprint;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;

/** A footprint's outline as a closed ring in the CRS an export asks for, with a chosen orientation. */
final class Rings {
    private Rings() { }

    /** Closed ring (first = last), clockwise when {@code clockwise}, else counter-clockwise. */
    static Coordinate[] ring(Footprint f, boolean lonLat, boolean clockwise) {
        double[][] pts = lonLat ? f.ringLonLat() : f.ringNative();
        int n = pts.length;
        boolean closed = n > 1 && pts[0][0] == pts[n - 1][0] && pts[0][1] == pts[n - 1][1];
        Coordinate[] c = new Coordinate[closed ? n : n + 1];
        for (int i = 0; i < n; i++) c[i] = new Coordinate(pts[i][0], pts[i][1]);
        if (!closed) c[n] = new Coordinate(c[0]);
        return orient(c, clockwise);   // JTS tells the orientation from the signed area
    }

    /** The closed ring {@code c} counter-clockwise (a reversed copy when it is clockwise). */
    static Coordinate[] ccw(Coordinate[] c) { return orient(c, false); }

    /** The closed ring {@code c} clockwise. */
    static Coordinate[] cw(Coordinate[] c) { return orient(c, true); }

    private static Coordinate[] orient(Coordinate[] ring, boolean clockwise) {
        Coordinate[] c = ring.clone();
        if (Orientation.isCCW(c) == clockwise)
            for (int i = 0, j = c.length - 1; i < j; i++, j--) { Coordinate t = c[i]; c[i] = c[j]; c[j] = t; }
        return c;
    }

    /** minX, minY, maxX, maxY of rings. */
    static double[] bounds(Iterable<Coordinate[]> rings) {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Coordinate[] r : rings)
            for (Coordinate c : r) {
                b[0] = Math.min(b[0], c.x); b[1] = Math.min(b[1], c.y);
                b[2] = Math.max(b[2], c.x); b[3] = Math.max(b[3], c.y);
            }
        return b[0] > b[2] ? new double[4] : b;
    }
}
