package cmer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/** Small helpers that keep {@code forwardInternal} reading like the math. */
public final class Nn {
    private Nn() { }

    /** Runs a one-output block on arrays, hiding the {@link NDList} wrapping. */
    public static NDArray apply(Block block, ParameterStore ps, boolean training, NDArray... x) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /** Same, with forward parameters (e.g. {@link MultiHeadAttention#NEED_WEIGHTS}); returns every output. */
    public static NDList apply(Block block, ParameterStore ps, boolean training, PairList<String, Object> params, NDArray... x) {
        return block.forward(ps, new NDList(x), training, params);
    }

    /**
     * Rows of {@code table} (V, D) for integer {@code ids} (...) → (..., D). The ids come first so the result
     * lives in their (step) manager; slicing a parameter instead would leave a view in the model's manager.
     */
    public static NDArray lookup(NDArray ids, NDArray table) {
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).head();
    }

    /**
     * A copy of {@code fromJava} in engine-owned memory; {@code fromJava} is closed. On CPU, DJL's
     * {@code create(float[] / long[])} points the tensor at a direct buffer that the Java GC frees once the
     * array is closed, while libtorch may still hold that storage (autograd keeps conv1's images, embedding ids
     * and masks for backward). Every array made from Java data that enters a computation goes through here.
     */
    public static NDArray owned(NDArray fromJava) {
        NDArray copy = fromJava.duplicate();
        fromJava.close();
        return copy;
    }

    /**
     * A 0-d tensor allocated by libtorch, for multiplying or dividing inside a recorded graph. DJL's
     * {@code x.mul(2f)} wraps the number in a tensor over a direct buffer that it frees at once while autograd
     * keeps it for backward: a GC before backward then corrupts the gradients (GcSafetyTest).
     */
    public static NDArray scalar(NDArray like, double value) {
        return like.getManager().full(new ai.djl.ndarray.types.Shape(), (float) value, like.getDataType(), like.getDevice());
    }

    public static Initializer constant(float value) {
        return (manager, shape, dataType) -> manager.full(shape, value, dataType);
    }
}
