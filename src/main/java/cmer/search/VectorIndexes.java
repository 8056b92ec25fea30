package cmer.search;

import java.nio.file.Path;

/**
 * Chooses the index for an archive: exact search up to {@link #EXACT_MAX} vectors, HNSW above.
 * Why this number (docs/notes/search.md, `cmer bench search`): exact search costs time linear in n and
 * stays under the 20 ms interactive budget per query up to about this size on 2 cores, with perfect
 * recall and no build step; beyond it the HNSW graph answers in a few ms at recall@10 ≥ 0.95, and its
 * build cost (minutes per million) is paid once at indexing time.
 */
public final class VectorIndexes {
    public static final int EXACT_MAX = 100_000;

    private VectorIndexes() { }

    /** True when an archive of {@code n} vectors should use the HNSW graph. */
    public static boolean useHnsw(int n) { return n > EXACT_MAX; }

    /** An empty index suited to an archive expected to hold {@code n} vectors; HNSW graphs live in {@code hnswFolder}. */
    public static VectorIndex forSize(int n, int dim, Path hnswFolder) {
        return useHnsw(n) ? HnswIndex.open(hnswFolder, dim, HnswIndex.Params.DEFAULT, 2) : new ExactIndex(dim);
    }
}
