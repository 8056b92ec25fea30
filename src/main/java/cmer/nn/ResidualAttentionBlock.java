package cmer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * CLIP's pre-LN block: {@code x + attn(ln_1(x))}, then {@code x + mlp(ln_2(x))}.
 * In: x (B, T, D) [, additive mask]. Out: (B, T, D) [, attention probabilities (B, N, T, T) on request].
 */
public final class ResidualAttentionBlock extends AbstractBlock {
    private final Norm ln1, ln2;
    private final MultiHeadAttention attn;
    private final Mlp mlp;

    public ResidualAttentionBlock(int width, int heads, int mlpWidth, Activation activation) {
        ln1 = addChildBlock("ln_1", new Norm(width, Norm.CLIP_EPS));
        attn = addChildBlock("attn", MultiHeadAttention.builder().setWidth(width).setHeads(heads).build());
        ln2 = addChildBlock("ln_2", new Norm(width, Norm.CLIP_EPS));
        mlp = addChildBlock("mlp", Mlp.builder().setWidth(width).setHidden(mlpWidth).setActivation(activation).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray x = in.head();                                                           // (B, T, D)
        NDList a = in.size() > 1
                ? Nn.apply(attn, ps, training, params, Nn.apply(ln1, ps, training, x), in.get(1))
                : Nn.apply(attn, ps, training, params, Nn.apply(ln1, ps, training, x));
        x = x.add(a.head());
        x = x.add(Nn.apply(mlp, ps, training, Nn.apply(ln2, ps, training, x)));         // (B, T, D)
        return a.size() > 1 ? new NDList(x, a.get(1)) : new NDList(x);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
        ln1.initialize(manager, dataType, in[0]);
        attn.initialize(manager, dataType, in[0]);                                       // (B, T, D)
        ln2.initialize(manager, dataType, in[0]);
        mlp.initialize(manager, dataType, in[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) { return new Shape[] {in[0]}; }
}
