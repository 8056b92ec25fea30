package cmer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention with PyTorch's {@code nn.MultiheadAttention} layout: one fused input projection
 * {@code in_proj_weight} (3D, D) / {@code in_proj_bias} (3D) holding q, k, v in that order, and {@code out_proj}.
 * Fused because it is one matrix multiply per layer, and because separate checkpoints (HF CLIP's q_proj/k_proj/v_proj,
 * BERT's query/key/value) map onto it by concatenation, while open_clip and OpenAI store it fused already.
 *
 * <p>Letters: B batch, T tokens, D width, N heads, H head width (D = N·H).
 * In: x (B, T, D) and optionally an additive mask broadcastable to (B, N, T, T) (0 keep, -inf drop).
 * Out: (B, T, D), followed by the attention probabilities (B, N, T, T) when the forward parameters hold
 * {@link #NEED_WEIGHTS} = true.
 */
public final class MultiHeadAttention extends AbstractBlock {
    /** Forward parameter key: also return the attention probabilities. */
    public static final String NEED_WEIGHTS = "need_weights";

    private final int width, heads;
    private final Parameter inProjWeight, inProjBias;
    private final Linear outProj;

    private MultiHeadAttention(Builder b) {
        width = b.width;
        heads = b.heads;
        inProjWeight = addParameter(Parameter.builder().setName("in_proj_weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(3L * width, width)).optInitializer(new NormalInitializer((float) Math.pow(width, -0.5))).build());
        inProjBias = addParameter(Parameter.builder().setName("in_proj_bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(3L * width)).build());
        outProj = addChildBlock("out_proj", Linear.builder().setUnits(width).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray x = in.head();                                                           // (B, T, D)
        long b = x.getShape().get(0), t = x.getShape().get(1), h = width / heads;
        NDArray qkv = x.getNDArrayInternal().linear(x, ps.getValue(inProjWeight, x.getDevice(), training),
                ps.getValue(inProjBias, x.getDevice(), training)).head();               // (B, T, 3D)
        qkv = qkv.reshape(b, t, 3, heads, h).transpose(2, 0, 3, 1, 4);                   // (3, B, N, T, H)
        NDArray q = qkv.get(0).mul(Nn.scalar(x, Math.pow(h, -0.5)));                     // (B, N, T, H), scaled first as torch does
        NDArray k = qkv.get(1);                                                          // (B, N, T, H)
        NDArray v = qkv.get(2);                                                          // (B, N, T, H)
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));                              // (B, N, T, T)
        if (in.size() > 1) scores = scores.add(in.get(1));                               // mask broadcast to (B, N, T, T)
        NDArray probs = scores.softmax(-1);                                              // (B, N, T, T)
        NDArray out = probs.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, width);        // (B, N, T, H) → (B, T, N, H) → (B, T, D)
        out = Nn.apply(outProj, ps, training, out);                                      // (B, T, D)
        boolean needWeights = params != null && Boolean.TRUE.equals(params.get(NEED_WEIGHTS));
        return needWeights ? new NDList(out, probs) : new NDList(out);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
        outProj.initialize(manager, dataType, in[0]);                                    // (B, T, D) → (B, T, D)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) { return new Shape[] {in[0]}; }

    public int heads() { return heads; }

    public static Builder builder() { return new Builder(); }

    /** {@code setWidth} and {@code setHeads} are required; width must split evenly into heads. */
    public static final class Builder {
        private int width, heads;

        public Builder setWidth(int width) { this.width = width; return this; }

        public Builder setHeads(int heads) { this.heads = heads; return this; }

        public MultiHeadAttention build() {
            if (width <= 0 || heads <= 0 || width % heads != 0) {
                throw new IllegalArgumentException("attention width " + width + " must be a positive multiple of heads " + heads);
            }
            return new MultiHeadAttention(this);
        }
    }
}
