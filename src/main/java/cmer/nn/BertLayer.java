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
 * BERT's post-LN encoder layer: {@code ln_1(x + attn(x))}, then {@code ln_2(x + mlp(x))} with erf GELU.
 * Same children and names as {@link ResidualAttentionBlock}, so one weight map serves both; only the order
 * of normalisation differs. In: x (B, T, D), padding mask (B, 1, 1, T). Out: (B, T, D) [, probs (B, N, T, T)].
 */
public final class BertLayer extends AbstractBlock {
    private final MultiHeadAttention attn;
    private final Norm ln1, ln2;
    private final Mlp mlp;

    public BertLayer(int width, int heads, int mlpWidth) {
        attn = addChildBlock("attn", MultiHeadAttention.builder().setWidth(width).setHeads(heads).build());
        ln1 = addChildBlock("ln_1", new Norm(width, Norm.BERT_EPS));
        mlp = addChildBlock("mlp", Mlp.builder().setWidth(width).setHidden(mlpWidth).setActivation(Activation.GELU).build());
        ln2 = addChildBlock("ln_2", new Norm(width, Norm.BERT_EPS));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray x = in.head();                                                           // (B, T, D)
        NDList a = Nn.apply(attn, ps, training, params, in.toArray(new NDArray[0]));
        x = Nn.apply(ln1, ps, training, x.add(a.head()));
        x = Nn.apply(ln2, ps, training, x.add(Nn.apply(mlp, ps, training, x)));          // (B, T, D)
        return a.size() > 1 ? new NDList(x, a.get(1)) : new NDList(x);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
        attn.initialize(manager, dataType, in[0]);                                       // (B, T, D)
        ln1.initialize(manager, dataType, in[0]);
        mlp.initialize(manager, dataType, in[0]);
        ln2.initialize(manager, dataType, in[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) { return new Shape[] {in[0]}; }
}
