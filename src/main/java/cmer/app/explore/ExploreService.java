package cmer.app.explore;

import cmer.geo.export.ExportOptions;
import cmer.geo.export.ExportReport;
import cmer.search.AttentionMaps;
import cmer.search.Embedder;
import cmer.search.IndexEntry;
import cmer.search.ResultExports;
import cmer.search.Searcher;
import cmer.core.ProgressListener;
import cmer.search.ArchiveIndex;
import cmer.search.Indexer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * What the Explore screen needs from the engine: an open index, ranked results, attention overlays and
 * exports. Holds one Embedder and one Searcher at a time; every call may block (the view model runs it
 * through a TaskExecutor).
 */
public final class ExploreService implements AutoCloseable {
    /** What the index line of the screen shows. */
    public record IndexInfo(Path dir, int images, String method, String model) { }

    private Embedder embedder;
    private Searcher searcher;

    /** Opens an index with the model it was built with. */
    public synchronized IndexInfo open(Path indexDir) {
        close();
        embedder = Embedder.open(Searcher.modelOf(indexDir));
        searcher = Searcher.open(indexDir, embedder);
        return new IndexInfo(indexDir, searcher.size(), searcher.method(), embedder.description());
    }

    /** Builds (or brings up to date) an index of an image folder or dataset with a model, then opens it. */
    public synchronized IndexInfo build(Path model, Path images, Path indexDir, ProgressListener progress) {
        close();
        try (Embedder e = Embedder.open(model)) {
            Indexer.run(e, Indexer.Options.of(images, indexDir), progress);
        }
        return open(indexDir);
    }

    public static boolean isIndex(Path dir) { return ArchiveIndex.exists(dir); }

    public synchronized List<Searcher.Result> search(Searcher.Query q) { return searcher().search(q); }

    /** The image with the attention map of {@code kind} for this query blended over it. */
    public synchronized BufferedImage overlay(IndexEntry e, String query, AttentionMaps.Kind kind) {
        BufferedImage image = cmer.data.ImageLoader.load(Path.of(e.path()));
        AttentionMaps.Map map = AttentionMaps.compute(embedder, image, embedder.text(query), kind);
        return AttentionMaps.overlay(image, map.pixels(), 0.55);
    }

    public synchronized ExportReport export(Searcher.Query q, Path out, ExportOptions options) {
        return ResultExports.export(searcher(), q, out, options, AttentionMaps.Kind.QUERY);
    }

    /** Absolute path of an entry's thumbnail. */
    public synchronized Path thumbnail(IndexEntry e) { return searcher().index().dir().resolve(e.thumb()); }

    private Searcher searcher() {
        if (searcher == null) throw new cmer.core.CmerException("no index is open: open one first", cmer.core.CmerException.USAGE, null);
        return searcher;
    }

    @Override
    public synchronized void close() {
        if (searcher != null) searcher.close();
        if (embedder != null) embedder.close();
        searcher = null;
        embedder = null;
    }
}
