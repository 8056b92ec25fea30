package cmer.search;

import java.nio.file.Path;

/**
 * Chooses the index for an archive: exact search up to {@link #EXACT_MAX} vectors, HNSW above.
 * Why this number (measured with {@code cmer bench search}, docs/notes/search.md): an exact query costs
 * about 0.2 CPU-µs per 512-d vector (21 CPU-ms at 100k, split over 2 cores: about 10.5 ms per query),
 * linear in n, with perfect recall and no build step; at 200k it would pass the 20 ms budget. Below 100k
 * HNSW is not even faster (10k: 3.9 CPU-ms HNSW vs 2.3 exact) and its graph costs minutes to build;
 * at 100k HNSW needs 3–5 CPU-ms at recall@10 0.99–1.0, and the gap grows linearly with n.
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
