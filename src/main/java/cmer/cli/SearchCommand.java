package cmer.cli;

import cmer.core.CmerException;
import cmer.search.AttentionMaps;
import cmer.search.CaptionRanker;
import cmer.search.Embedder;
import cmer.search.Searcher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Rank the images of an index for a sentence (exact cosine; HNSW above 100,000 images), with optional",
                "scene-aware ranking and scene/bbox filters; or rank the captions of a dataset for an image (--image, --captions)."})
final class SearchCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin QueryOptions q;
    @Option(names = "--index", paramLabel = "<index>", description = "Index folder from cmer index.") Path index;
    @Parameters(arity = "0..1", paramLabel = "<query>", description = "The sentence to search for.") String text;
    @Option(names = "--image", paramLabel = "<file>", description = "Image → text: rank the captions of --captions for this image.") Path image;
    @Option(names = "--captions", paramLabel = "<dataset>", description = "Dataset whose captions --image ranks.") Path captions;
    @Option(names = "--attention", paramLabel = "<dir>", description = "Also write a heat-map overlay PNG per hit into this folder.") Path attention;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String device = common.applyEngineSettings().engine().device();
        PrintWriter out = spec.commandLine().getOut();
        if (image != null) {
            if (captions == null) throw new CmerException("--image needs --captions DATASET (the captions to rank)", CmerException.USAGE, null);
            try (Embedder e = Embedder.open(q.model, device)) {
                List<CaptionRanker.Ranked> rs = CaptionRanker.rank(e, image, captions, q.top);
                ResultPrinter.captions(rs, common.json, out);
            }
            return 0;
        }
        if (index == null) throw new CmerException("give --index INDEX and a query (or --image FILE --captions DATASET)", CmerException.USAGE, null);
        Searcher.Query query = q.query(text);
        try (Embedder e = Embedder.open(q.modelFor(index), device); Searcher s = Searcher.open(index, e)) {
            float[] qv = e.text(query.text());
            List<Searcher.Result> rs = s.search(query, qv);
            ResultPrinter.hits(s, rs, common.json, out);
            if (attention != null) {
                int n = AttentionMaps.writeOverlays(e, rs, qv, q.kind(), attention).size();
                if (!common.json) out.println(n + " attention overlays (" + q.kind().name().toLowerCase(Locale.ROOT) + "): " + attention.toAbsolutePath());
            }
        }
        out.flush();
        return 0;
    }
}
