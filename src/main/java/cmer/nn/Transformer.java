package cmer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * A stack of layers named {@code resblocks.N} (open_clip's key). In: x (B, T, D) [, additive mask].
 * Out: the last hidden state (B, T, D); with forward parameters {@link #TAPS} (int[] layer indices) and
 * {@link #ATTENTION_LAYER} (int) it also returns the hidden state after each tapped layer, in the order asked,
 * then the attention probabilities (B, N, T, T) of that layer.
 *
 * <p>Each layer runs in its own sub-manager, so only the tapped states and the running state outlive a layer
 * (as in DJL's BertBlock); a ViT-B/32 batch of 32 would otherwise hold every layer's activations to the end.
 */
public final class Transformer extends AbstractBlock {
    public static final String TAPS = "taps", ATTENTION_LAYER = "attention_layer";
    /**
     * Forward parameter: a {@code BiFunction<Integer, NDArray, NDArray>} applied to each layer's output (layer
     * index, (B, T, D)) before the next layer sees it; the trainer's bottleneck adapters (method adapter) use it.
     */
    public static final String AFTER_LAYER = "after_layer";

    private final List<Block> layers = new ArrayList<>();

    public Transformer(int count, IntFunction<Block> layer) {
        for (int i = 0; i < count; i++) layers.add(addChildBlock("resblocks." + i, layer.apply(i)));
    }

    public int layers() { return layers.size(); }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        int[] taps = params == null || params.get(TAPS) == null ? new int[0] : (int[]) params.get(TAPS);
        int attnLayer = params == null || params.get(ATTENTION_LAYER) == null ? -1 : (Integer) params.get(ATTENTION_LAYER);
        NDArray input = in.head(), x = input;                                           // (B, T, D)
        NDArray[] hidden = new NDArray[layers.size()];
        NDArray probs = null;
        @SuppressWarnings("unchecked")
        BiFunction<Integer, NDArray, NDArray> after = params == null ? null : (BiFunction<Integer, NDArray, NDArray>) params.get(AFTER_LAYER);
        for (int i = 0; i < layers.size(); i++) {
            PairList<String, Object> p = i == attnLayer ? new PairList<>(List.of(MultiHeadAttention.NEED_WEIGHTS), List.of(true)) : null;
            NDList out;
            try (NDManager scope = NDManager.subManagerOf(x)) {
                scope.tempAttachAll(x);
                NDList args = in.size() > 1 ? new NDList(x, in.get(1)) : new NDList(x);
                out = layers.get(i).forward(ps, args, training, p);
                for (NDArray o : out) scope.ret(o);
            }
            if (x != input && !tapped(taps, i - 1)) x.close();                          // the previous state is no longer needed
            x = out.head();                                                              // (B, T, D)
            if (after != null) x = after.apply(i, x);                                    // (B, T, D)
            hidden[i] = x;
            if (out.size() > 1) probs = out.get(1);                                      // (B, N, T, T)
        }
        NDList result = new NDList(x);
        for (int t : taps) result.add(hidden[t]);
        if (probs != null) result.add(probs);
        return result;
    }

    private static boolean tapped(int[] taps, int layer) { return Arrays.stream(taps).anyMatch(t -> t == layer); }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
        for (Block layer : layers) layer.initialize(manager, dataType, in);               // (B, T, D) [, mask] each
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) { return new Shape[] {in[0]}; }
}
