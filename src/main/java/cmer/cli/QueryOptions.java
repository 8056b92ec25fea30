package cmer.cli;

import cmer.core.CmerException;
import cmer.search.AttentionMaps;
import cmer.search.Searcher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by {@code search} and {@code export}: the model, hit count, scene-aware ranking and filters (a picocli mixin). */
public final class QueryOptions {
    @Option(names = "--model", paramLabel = "<run-or-model>", description = "Model (default: the one the index was built with; another is refused).")
    Path model;
    @Option(names = {"-k", "--top"}, defaultValue = "20", description = "Hits (default: ${DEFAULT-VALUE}).")
    int top;
    @Option(names = "--scene", split = ",", paramLabel = "<scene>[,<scene>...]", hideParamSyntax = true, description = "Hard filter: only images of these scenes.")
    List<String> scenes = new ArrayList<>();
    @Option(names = "--top-scenes", defaultValue = "0", paramLabel = "<k>", description = "Hard filter: only images of the query's k most probable scenes (0 = off).")
    int topScenes;
    @Option(names = "--scene-aware", defaultValue = "0", paramLabel = "<beta>", description = "score = cos + beta*log P(scene(image) | query); 0 = off (default).")
    double beta;
    @Option(names = "--bbox", split = ",", paramLabel = "<lon1,lat1,lon2,lat2>", hideParamSyntax = true, description = "Only images whose WGS84 footprint overlaps this box.")
    List<Double> bbox;
    @Option(names = "--attention-map", defaultValue = "saliency", paramLabel = "<saliency|query>",
            description = "saliency (default): the model's own patch saliency (focus layer; CLS attention without one); query: query-conditioned patch map.")
    String attentionMap;

    Searcher.Query query(String text) {
        if (text == null || text.isBlank()) throw new CmerException("give a text query", CmerException.USAGE, null);
        if (bbox != null && bbox.size() != 4) throw new CmerException("--bbox needs 4 numbers: lon1,lat1,lon2,lat2", CmerException.USAGE, null);
        double[] b = bbox == null ? null : bbox.stream().mapToDouble(Double::doubleValue).toArray();
        return new Searcher.Query(text, top, scenes, topScenes, beta, b);
    }

    AttentionMaps.Kind kind() {
        return switch (attentionMap) {
            case "saliency" -> AttentionMaps.Kind.SALIENCY;
            case "query" -> AttentionMaps.Kind.QUERY;
            default -> throw new CmerException("--attention-map must be saliency or query, not '" + attentionMap + "'", CmerException.USAGE, null);
        };
    }

    /** The model to load for an index: --model when given, else the index's own. */
    Path modelFor(Path index) { return model != null ? model : Searcher.modelOf(index); }
}
