package cmer.geo.export;

import cmer.core.Footprint;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;

/** The ranked list as CSV (every result, a note where georeferencing is missing) and as RFC 7946 GeoJSON. */
final class TableWriters {
    static final String NO_GEOREF = "no georeferencing: listed here, left out of Shapefile, GeoPackage and GeoTIFF";

    private TableWriters() { }

    /** RFC 4180 CSV, UTF-8, header row; footprint as WGS84 bbox and WKT polygon (lon lat). */
    static void csv(Path file, ResultExport r) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("rank,score,scene,file,caption,query,crs,min_lon,min_lat,max_lon,max_lat,footprint_wkt,note\r\n");
            for (ExportItem it : r.items()) {
                StringBuilder b = new StringBuilder();
                b.append(it.rank()).append(',').append(String.format(Locale.ROOT, "%.6f", it.score())).append(',')
                        .append(q(it.scene())).append(',').append(q(it.file().toString())).append(',').append(q(it.caption())).append(',')
                        .append(q(r.query())).append(',');
                if (it.footprint().isPresent()) {
                    Footprint f = it.footprint().get();
                    double[] bb = f.bboxLonLat();
                    b.append(q(f.crs())).append(',');
                    for (double v : bb) b.append(String.format(Locale.ROOT, "%.8f", v)).append(',');
                    b.append(q(wkt(Rings.ring(f, true, false)))).append(',');
                } else {
                    b.append(",,,,,,").append(q(NO_GEOREF));
                }
                w.write(b.append("\r\n").toString());
            }
        }
    }

    /** RFC 7946: WGS84 lon/lat, exterior rings counter-clockwise; results without georeferencing get {@code "geometry": null}. */
    static void geoJson(Path file, ResultExport r) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            for (ExportItem it : r.items()) {
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                if (it.footprint().isPresent()) {
                    g.writeObjectFieldStart("geometry");
                    g.writeStringField("type", "Polygon");
                    g.writeArrayFieldStart("coordinates");
                    g.writeStartArray();
                    for (Coordinate c : Rings.ring(it.footprint().get(), true, false)) {
                        g.writeStartArray();
                        g.writeNumber(c.x);
                        g.writeNumber(c.y);
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                    g.writeEndArray();
                    g.writeEndObject();
                } else {
                    g.writeNullField("geometry");
                }
                g.writeObjectFieldStart("properties");
                g.writeNumberField("rank", it.rank());
                g.writeNumberField("score", it.score());
                g.writeStringField("scene", it.scene());
                g.writeStringField("file", it.file().toString());
                g.writeStringField("caption", it.caption());
                g.writeStringField("query", r.query());
                if (it.footprint().isEmpty()) g.writeStringField("note", "no georeferencing");
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    static String wkt(Coordinate[] ring) {
        StringBuilder b = new StringBuilder("POLYGON ((");
        for (int i = 0; i < ring.length; i++) {
            if (i > 0) b.append(", ");
            b.append(String.format(Locale.ROOT, "%.8f %.8f", ring[i].x, ring[i].y));
        }
        return b.append("))").toString();
    }

    /** RFC 4180 quoting: always quoted, inner quotes doubled. */
    static String q(String s) { return '"' + s.replace("\"", "\"\"") + '"'; }
}
