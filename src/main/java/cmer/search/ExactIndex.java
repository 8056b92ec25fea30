package cmer.search;

import cmer.core.CmerException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Brute-force cosine search: all vectors in one contiguous {@code float[n * d]} (row-major, cache-friendly
 * streaming), one dot product per row with eight independent accumulators (HotSpot does not vectorise a
 * float sum by itself because it must keep the addition order; eight chains let the CPU overlap them),
 * and a k-sized heap instead of sorting n scores. Large scans are split across {@code threads} cores.
 * Exact by construction: the reference the HNSW index is measured against. {@code add} may not run
 * concurrently with {@code search} (indexing fills the index first, then it is searched).
 */
public final class ExactIndex implements VectorIndex {
    /** Below this many floats a scan takes well under a millisecond and a second thread costs more than it saves. */
    static final long PARALLEL_MIN_FLOATS = 1L << 22;
    private static final int MAX_FLOATS = Integer.MAX_VALUE - 16;

    private final int dim;
    private final int threads;
    private final List<String> ids = new ArrayList<>();
    private float[] data;
    private ExecutorService pool;

    /** @param threads cores one query may use (1 = caller only) */
    public ExactIndex(int dim, int threads) {
        if (dim <= 0) throw new IllegalArgumentException("dim must be positive: " + dim);
        this.dim = dim;
        this.threads = Math.max(1, threads);
        this.data = new float[dim * 64];
    }

    /** Uses up to two cores: the measured gain of a third is nil on the target machine (docs/notes/search.md). */
    public ExactIndex(int dim) { this(dim, Math.min(2, Runtime.getRuntime().availableProcessors())); }

    /** Wraps existing rows ({@code float[n * d]}, unit length each) without copying. */
    public static ExactIndex wrap(List<String> ids, float[] rows, int dim, int threads) {
        if (rows.length != (long) ids.size() * dim)
            throw new CmerException("embeddings: " + rows.length + " floats for " + ids.size() + " ids of dimension " + dim
                    + " (expected " + (long) ids.size() * dim + ")");
        ExactIndex x = new ExactIndex(dim, threads);
        for (int i = 0; i < ids.size(); i++) VectorIndex.checkUnit("embedding of '" + ids.get(i) + "'", rows, i * dim, dim);
        x.data = rows;
        x.ids.addAll(ids);
        return x;
    }

    @Override public int dim() { return dim; }

    @Override public int size() { return ids.size(); }

    /** The id of row {@code ord}. */
    public String id(int ord) { return ids.get(ord); }

    /** The stored rows, {@code float[size * d]}: the first {@code size * d} floats are valid. */
    public float[] rows() { return data; }

    @Override
    public synchronized void add(String id, float[] vector) {
        VectorIndex.checkUnit("embedding of '" + id + "'", vector, dim);
        long need = (long) (ids.size() + 1) * dim;
        if (need > MAX_FLOATS) throw new CmerException("exact index full at " + ids.size() + " vectors of dimension " + dim + "; use the HNSW index");
        if (need > data.length) data = Arrays.copyOf(data, (int) Math.min(MAX_FLOATS, Math.max(need, 2L * data.length)));
        System.arraycopy(vector, 0, data, ids.size() * dim, dim);
        ids.add(id);
    }

    @Override
    public List<Hit> search(float[] query, int k, Predicate<String> filter) {
        VectorIndex.checkUnit("query", query, dim);
        int n = ids.size();
        if (k <= 0 || n == 0) return List.of();
        TopK top;
        int parts = (long) n * dim >= PARALLEL_MIN_FLOATS ? threads : 1;
        if (parts == 1) {
            top = scan(query, k, filter, 0, n);
        } else {
            List<Future<TopK>> futures = new ArrayList<>();
            int step = (n + parts - 1) / parts;
            for (int p = 1; p < parts; p++) {
                int from = Math.min(n, p * step), to = Math.min(n, from + step);
                futures.add(pool().submit(() -> scan(query, k, filter, from, to)));
            }
            top = scan(query, k, filter, 0, Math.min(n, step));   // the caller scans the first slice itself
            for (Future<TopK> f : futures) top.addAll(join(f));
        }
        float[] scores = new float[top.size()];
        int[] ords = top.drainBestFirst(scores);
        List<Hit> hits = new ArrayList<>(ords.length);
        for (int i = 0; i < ords.length; i++) hits.add(new Hit(ids.get(ords[i]), scores[i]));
        return hits;
    }

    private TopK scan(float[] q, int k, Predicate<String> filter, int from, int to) {
        TopK top = new TopK(k);
        float[] d = data;
        for (int r = from; r < to; r++) {
            float s = dot(q, d, r * dim, dim);
            if (s >= top.threshold() && (filter == null || filter.test(ids.get(r)))) top.offer(r, s);
        }
        return top;
    }

    /** q · rows[off .. off+dim), eight independent partial sums. */
    static float dot(float[] q, float[] rows, int off, int dim) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (int end = dim - 7; i < end; i += 8) {
            s0 += q[i] * rows[off + i];
            s1 += q[i + 1] * rows[off + i + 1];
            s2 += q[i + 2] * rows[off + i + 2];
            s3 += q[i + 3] * rows[off + i + 3];
            s4 += q[i + 4] * rows[off + i + 4];
            s5 += q[i + 5] * rows[off + i + 5];
            s6 += q[i + 6] * rows[off + i + 6];
            s7 += q[i + 7] * rows[off + i + 7];
        }
        for (; i < dim; i++) s0 += q[i] * rows[off + i];
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    @Override public long indexBytes() { return (long) ids.size() * dim * Float.BYTES; }

    @Override
    public synchronized void close() {
        if (pool != null) pool.shutdownNow();
        pool = null;
    }

    private synchronized ExecutorService pool() {
        if (pool == null) pool = Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "cmer-exact-search");
            t.setDaemon(true);
            return t;
        });
        return pool;
    }

    private static TopK join(Future<TopK> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CmerException("search interrupted", CmerException.INTERRUPTED, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }
}
