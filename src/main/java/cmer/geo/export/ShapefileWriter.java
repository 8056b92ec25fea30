package cmer.geo.export;

import cmer.core.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;

/**
 * Polygon shapefile (.shp, .shx, .dbf, .prj, .cpg) after the ESRI Shapefile Technical Description (1998):
 * file header big-endian for the file code and length, little-endian for version, type and box; each
 * record's header big-endian (number, content length), its content little-endian; lengths in 16-bit words;
 * one part per polygon, outer ring clockwise. Hand-written: no permissive writer on Maven Central (STACK.md).
 */
final class ShapefileWriter {
    static final int POLYGON = 5;
    private static final int HEADER_BYTES = 100;

    /** One feature: its outer ring (closed; made clockwise here) and its attribute values in field order. */
    record Feature(Coordinate[] ring, Object[] values, String label) { }

    private ShapefileWriter() { }

    /** Writes {@code base}.shp/.shx/.dbf/.prj/.cpg into {@code dir}; returns the file names. */
    static List<String> write(Path dir, String base, List<Feature> features, List<DbfWriter.Field> fields,
                              String prjWkt, List<String> warnings) throws IOException {
        List<Coordinate[]> rings = new ArrayList<>();
        for (Feature f : features) rings.add(Rings.cw(f.ring()));
        double[] box = Rings.bounds(rings);

        // record content: type(4) box(32) numParts(4) numPoints(4) parts(4) points(16 each)
        int[] contentBytes = rings.stream().mapToInt(r -> 4 + 32 + 4 + 4 + 4 + 16 * r.length).toArray();
        long shpBytes = HEADER_BYTES;
        for (int c : contentBytes) shpBytes += 8 + c;
        long shxBytes = HEADER_BYTES + 8L * rings.size();

        try (OutputStream shp = new BufferedOutputStream(Files.newOutputStream(dir.resolve(base + ".shp")));
             OutputStream shx = new BufferedOutputStream(Files.newOutputStream(dir.resolve(base + ".shx")))) {
            shp.write(header(shpBytes, box));
            shx.write(header(shxBytes, box));
            int offsetWords = HEADER_BYTES / 2;
            for (int i = 0; i < rings.size(); i++) {
                Coordinate[] r = rings.get(i);
                ByteBuffer rec = ByteBuffer.allocate(8 + contentBytes[i]);
                rec.order(ByteOrder.BIG_ENDIAN).putInt(i + 1).putInt(contentBytes[i] / 2);
                rec.order(ByteOrder.LITTLE_ENDIAN).putInt(POLYGON);
                double[] b = Rings.bounds(List.<Coordinate[]>of(r));
                for (double v : b) rec.putDouble(v);
                rec.putInt(1).putInt(r.length).putInt(0);
                for (Coordinate c : r) rec.putDouble(c.x).putDouble(c.y);
                shp.write(rec.array());
                ByteBuffer idx = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(offsetWords).putInt(contentBytes[i] / 2);
                shx.write(idx.array());
                offsetWords += (8 + contentBytes[i]) / 2;
            }
        }
        List<Object[]> records = features.stream().map(Feature::values).toList();
        List<DbfWriter.Field> fitted = DbfWriter.fitTextWidths(fields, records);
        try (OutputStream dbf = new BufferedOutputStream(Files.newOutputStream(dir.resolve(base + ".dbf")))) {
            DbfWriter.write(dbf, fitted, records, features.stream().map(Feature::label).toList(), warnings);
        }
        AtomicFiles.writeString(dir.resolve(base + ".prj"), prjWkt);
        AtomicFiles.writeString(dir.resolve(base + ".cpg"), "UTF-8");
        return List.of(base + ".shp", base + ".shx", base + ".dbf", base + ".prj", base + ".cpg");
    }

    private static byte[] header(long fileBytes, double[] box) {
        if (fileBytes / 2 > Integer.MAX_VALUE) throw new IllegalStateException("shapefile over 4 GB");
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
        h.order(ByteOrder.BIG_ENDIAN).putInt(9994).putInt(0).putInt(0).putInt(0).putInt(0).putInt(0).putInt((int) (fileBytes / 2));
        h.order(ByteOrder.LITTLE_ENDIAN).putInt(1000).putInt(POLYGON);
        for (double v : box) h.putDouble(v);
        h.putDouble(0).putDouble(0).putDouble(0).putDouble(0);   // Z and M ranges: unused for 2-D polygons
        return h.array();
    }
}
