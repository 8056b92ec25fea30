package cmer.search;

import cmer.core.AtomicFiles;
import cmer.core.CmerException;
import cmer.core.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The vector index behind an {@link ArchiveIndex}: exact cosine search up to {@link VectorIndexes#EXACT_MAX}
 * images, the Lucene HNSW graph in {@code hnsw/} above (built after indexing and rebuilt when the index changed:
 * {@code hnsw.version} holds the index version it was built from). Vector ids are gallery ordinals.
 */
final class SearchIndex {
    static final String STAMP = "hnsw.version";

    private SearchIndex() { }

    static VectorIndex open(ArchiveIndex idx, ArchiveIndex.Gallery g) { return open(idx, g, VectorIndexes.useHnsw(g.size())); }

    /** {@code hnsw} chooses the graph whatever the size (tests exercise the large-archive path on small galleries). */
    static VectorIndex open(ArchiveIndex idx, ArchiveIndex.Gallery g, boolean hnsw) {
        List<String> ids = ordinals(g.size());
        if (!hnsw) return ExactIndex.wrap(ids, g.rows(), g.dim(), Math.min(2, Runtime.getRuntime().availableProcessors()));
        buildHnsw(idx, g, ProgressListener.NONE);
        return HnswIndex.open(idx.dir().resolve(ArchiveIndex.HNSW), g.dim(), HnswIndex.Params.DEFAULT, 2);
    }

    /** Builds (or rebuilds) the HNSW graph when the archive is large and the graph is missing or stale. */
    static void ensureHnsw(ArchiveIndex idx, ArchiveIndex.Gallery g, ProgressListener progress) {
        if (VectorIndexes.useHnsw(g.size())) buildHnsw(idx, g, progress);
    }

    /** Builds the graph unless {@code hnsw.version} says it matches the index's current version. */
    static boolean buildHnsw(ArchiveIndex idx, ArchiveIndex.Gallery g, ProgressListener progress) {
        Path dir = idx.dir().resolve(ArchiveIndex.HNSW), stamp = idx.dir().resolve(STAMP);
        try {
            if (Files.isRegularFile(stamp) && Files.readString(stamp).strip().equals(Long.toString(idx.version()))) return false;
            Files.deleteIfExists(stamp);                                   // stale from here on, until the new graph is complete
            if (Files.exists(dir)) try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
            try (HnswIndex h = HnswIndex.open(dir, g.dim(), HnswIndex.Params.DEFAULT, 2)) {
                h.addAll(ordinals(g.size()), g.rows(), 2, progress);
                h.commit();
            }
            AtomicFiles.writeString(stamp, idx.version() + "\n");
            return true;
        } catch (IOException e) {
            throw new CmerException("cannot build the HNSW graph in " + dir + ": " + e.getMessage(), CmerException.IO, e);
        }
    }

    static List<String> ordinals(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) ids.add(Integer.toString(i));
        return ids;
    }
}
