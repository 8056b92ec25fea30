package cmer.search;

import cmer.data.ImageLoader;
import cmer.geo.export.ExportItem;
import cmer.geo.export.ExportOptions;
import cmer.geo.export.ExportReport;
import cmer.geo.export.Exporter;
import cmer.geo.export.ResultExport;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A ranked result set handed to the geo exporter ({@link Exporter}): the library call behind {@code cmer export}
 * and the Studio's export button. With {@code attention} each georeferenced hit carries its attention map at the
 * image's pixel size, so the exported single-band GeoTIFF has exactly the image's geotransform.
 */
public final class ResultExports {
    private ResultExports() { }

    public static ExportReport export(Searcher s, Searcher.Query q, Path out, ExportOptions options, AttentionMaps.Kind attention) {
        float[] qv = s.embedder().text(q.text());
        List<Searcher.Result> hits = s.search(q, qv);
        List<ExportItem> items = new ArrayList<>();
        for (Searcher.Result r : hits) {
            IndexEntry e = r.entry();
            Optional<cmer.geo.export.AttentionMap> map = Optional.empty();
            if (attention != null && e.footprint().isPresent()) {
                BufferedImage im = ImageLoader.load(Path.of(e.path()));
                map = Optional.of(AttentionMaps.compute(s.embedder(), im, qv, attention).atImageSize());
            }
            items.add(new ExportItem(r.rank(), r.score(), e.scene(), Path.of(e.path()), e.caption(), e.footprint(), map));
        }
        ResultExport rx = new ResultExport(q.text(), Instant.now(), s.index().header().model(), q.k(), filters(q), items);
        return Exporter.export(rx, out, attention == null ? options.withAttention(ExportOptions.AttentionBand.NONE) : options);
    }

    /** Format names as users type them (shp, gpkg, tif, csv, geojson). */
    public static java.util.Set<ExportOptions.Format> formats(List<String> names) {
        java.util.EnumSet<ExportOptions.Format> f = java.util.EnumSet.noneOf(ExportOptions.Format.class);
        for (String s : names) f.add(switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "shp", "shapefile" -> ExportOptions.Format.SHAPEFILE;
            case "gpkg", "geopackage" -> ExportOptions.Format.GEOPACKAGE;
            case "tif", "tiff", "geotiff" -> ExportOptions.Format.GEOTIFF;
            case "csv" -> ExportOptions.Format.CSV;
            case "geojson" -> ExportOptions.Format.GEOJSON;
            default -> throw new cmer.core.CmerException("--formats: unknown format '" + s + "' (shp, gpkg, tif, csv, geojson)", cmer.core.CmerException.USAGE, null);
        });
        return f;
    }

    /** The filters in words, "" when none. */
    public static String filters(Searcher.Query q) {
        List<String> f = new ArrayList<>();
        if (!q.scenes().isEmpty()) f.add("scene in " + String.join("|", q.scenes()));
        if (q.topScenes() > 0) f.add("query's top-" + q.topScenes() + " scenes");
        if (q.beta() > 0) f.add("scene-aware beta=" + q.beta());
        if (q.bbox() != null) f.add(String.format(Locale.ROOT, "bbox=%s,%s,%s,%s", q.bbox()[0], q.bbox()[1], q.bbox()[2], q.bbox()[3]));
        return String.join("; ", f);
    }
}
