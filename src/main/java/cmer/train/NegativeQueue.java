package cmer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import cmer.core.CmerException;
import java.util.Arrays;
import cmer.nn.Nn;

/**
 * One modality's FIFO of recycled negatives (CMER-METHOD.md, negative sample recycling): K detached,
 * L2-normalised embeddings, each tagged with the id of its image so that the loss can mask the other
 * captions of the same image. Stored on the Java heap, off the autograd graph by construction (a float[]
 * has no graph); {@link #view} copies it into a step's scope as one (n, E) array.
 *
 * <p>Host storage rather than a device-resident ring: it makes "detached" impossible to break, the
 * checkpoint a plain copy, and costs one K·E copy per step (4096×512 floats = 8 MB, about a millisecond).
 */
public final class NegativeQueue {
    private final int capacity, dim;
    private final float[] data;     // (capacity, dim) row-major
    private final long[] ids;       // image id per row
    private int writePos;           // next row to overwrite
    private int count;              // rows filled so far (≤ capacity)

    public NegativeQueue(int capacity, int dim) {
        if (capacity < 0 || dim <= 0) throw new IllegalArgumentException("queue capacity " + capacity + " / dim " + dim);
        this.capacity = capacity;
        this.dim = dim;
        this.data = new float[Math.multiplyExact(capacity, dim)];
        this.ids = new long[capacity];
    }

    public int capacity() { return capacity; }

    public int dim() { return dim; }

    public int size() { return count; }

    public boolean isFull() { return capacity > 0 && count == capacity; }

    /**
     * Adds a batch (after the optimiser step, CMER-METHOD.md): copies the embeddings out of the graph,
     * re-normalises each row, overwrites the oldest rows. A batch larger than K keeps its last K rows.
     *
     * @param emb      (B, E) embeddings of this step
     * @param imageIds length B
     */
    public void enqueue(NDArray emb, long[] imageIds) {
        Shape s = emb.getShape();
        if (s.dimension() != 2 || s.get(1) != dim || s.get(0) != imageIds.length) {
            throw new CmerException("negative queue: expected (" + imageIds.length + ", " + dim + ") embeddings, got " + s);
        }
        enqueue(emb.toFloatArray(), imageIds);
    }

    /** As {@link #enqueue(NDArray, long[])}, from a row-major (B, E) float array. */
    public void enqueue(float[] rows, long[] imageIds) {
        int b = imageIds.length;
        if (rows.length != (long) b * dim) throw new CmerException("negative queue: " + rows.length + " floats for " + b + " rows of " + dim);
        if (capacity == 0) return;
        for (int r = Math.max(0, b - capacity); r < b; r++) {
            double norm = 0;
            for (int e = 0; e < dim; e++) norm += (double) rows[r * dim + e] * rows[r * dim + e];
            float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
            for (int e = 0; e < dim; e++) data[writePos * dim + e] = rows[r * dim + e] * inv;
            ids[writePos] = imageIds[r];
            writePos = (writePos + 1) % capacity;
            count = Math.min(count + 1, capacity);
        }
    }

    /** The filled rows as an (n, E) array in {@code scope} (no gradient), n = {@link #size()}; order is storage order. */
    public NDArray view(NDManager scope) {
        return Nn.owned(scope.create(Arrays.copyOf(data, count * dim), new Shape(count, dim)));   // engine-owned copy
    }

    /** Image ids of the rows of {@link #view}. */
    public long[] viewIds() { return Arrays.copyOf(ids, count); }

    /** What a checkpoint stores; {@link #restore} is its inverse. */
    public record State(int capacity, int dim, float[] data, long[] ids, int writePos, int count) { }

    public State state() { return new State(capacity, dim, data.clone(), ids.clone(), writePos, count); }

    public static NegativeQueue restore(State s) {
        NegativeQueue q = new NegativeQueue(s.capacity(), s.dim());
        if (s.data().length != q.data.length || s.ids().length != s.capacity() || s.count() < 0 || s.count() > s.capacity()
                || s.writePos() < 0 || (s.capacity() > 0 && s.writePos() >= s.capacity())) {
            throw new CmerException("checkpoint: negative queue state is inconsistent (capacity " + s.capacity() + ", dim " + s.dim()
                    + ", " + s.data().length + " floats, count " + s.count() + ", writePos " + s.writePos() + ")");
        }
        System.arraycopy(s.data(), 0, q.data, 0, q.data.length);
        System.arraycopy(s.ids(), 0, q.ids, 0, s.capacity());
        q.writePos = s.writePos();
        q.count = s.count();
        return q;
    }
}
