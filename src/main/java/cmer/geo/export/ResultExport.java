package cmer.geo.export;

import java.time.Instant;
import java.util.List;

/**
 * A ranked result set and the query that produced it.
 *
 * @param query   the text (or image path) that was searched
 * @param when    when the search ran
 * @param model   the model (run or file) that ranked the images
 * @param topK    how many hits were asked for
 * @param filters the filters in words (scene, bbox, scene-aware β), "" when none
 * @param items   the hits, best first
 */
public record ResultExport(String query, Instant when, String model, int topK, String filters, List<ExportItem> items) {
    public ResultExport {
        query = query == null ? "" : query;
        model = model == null ? "" : model;
        filters = filters == null ? "" : filters;
        items = List.copyOf(items);
    }

    public ResultExport(String query, Instant when, List<ExportItem> items) { this(query, when, "", items.size(), "", items); }
}
