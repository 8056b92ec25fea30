package cmer.search;

import cmer.core.CmerException;
import java.io.Closeable;
import java.util.List;
import java.util.function.Predicate;

/**
 * Nearest-neighbour search over L2-normalised embeddings of one dimension {@code d}; the score is the
 * dot product (= cosine). Implementations: {@link ExactIndex} (brute force) and {@link HnswIndex}
 * (Lucene HNSW graph); {@link VectorIndexes#forSize} picks one by archive size.
 */
public interface VectorIndex extends Closeable {
    /** Tolerance on |v| - 1 for a vector to count as L2-normalised (float32 rounding of 512 terms stays far below it). */
    float NORM_TOLERANCE = 1e-3f;

    int dim();

    int size();

    /** Adds one vector ({@code float[d]}, unit length) under {@code id}. */
    void add(String id, float[] vector);

    /**
     * The {@code k} best hits, best first, among the ids for which {@code filter} is true (all when null).
     * Fewer than {@code k} when fewer ids pass the filter.
     */
    List<Hit> search(float[] query, int k, Predicate<String> filter);

    default List<Hit> search(float[] query, int k) { return search(query, k, null); }

    /** Bytes the index holds for its vectors and structure (heap for exact, files for HNSW). */
    long indexBytes();

    @Override
    default void close() { }

    /** Throws a {@link CmerException} naming {@code what} unless {@code v} is a finite unit vector of length {@code dim}. */
    static void checkUnit(String what, float[] v, int dim) {
        if (v == null || v.length != dim)
            throw new CmerException(what + ": expected a float[" + dim + "] embedding, got " + (v == null ? "null" : "float[" + v.length + "]"));
        checkUnit(what, v, 0, dim);
    }

    /** The same for the row {@code rows[off .. off + dim)}. */
    static void checkUnit(String what, float[] rows, int off, int dim) {
        double s = 0;
        for (int i = off; i < off + dim; i++) s += (double) rows[i] * rows[i];
        double n = Math.sqrt(s);
        if (!(Math.abs(n - 1) <= NORM_TOLERANCE))
            throw new CmerException(what + ": embedding must be L2-normalised (|v| = 1), but |v| = " + n);
    }
}
