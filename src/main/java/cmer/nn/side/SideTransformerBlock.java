package cmer.nn.side;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The small pre-LN transformer block of each ladder step, at the side width d (open_clip's
 * ResidualAttentionBlock layout and names: ln_1, attn, ln_2, mlp.c_fc, mlp.c_proj; GELU).
 * {@code x + attn(ln_1(x))}, then {@code x + c_proj(gelu(c_fc(ln_2(x))))}. (B, T, d) → (B, T, d).
 * Kept private to cmer.nn.side; the lead may swap in cmer.nn's ResidualAttentionBlock.
 */
final class SideTransformerBlock extends AbstractBlock {
    private final LayerNorm ln1, ln2;
    private final SideAttention attn;
    private final Linear cFc, cProj;

    SideTransformerBlock(int width, int heads, int mlpRatio, boolean causal) {
        ln1 = addChildBlock("ln_1", LayerNorm.builder().axis(2).build());
        attn = addChildBlock("attn", new SideAttention(width, heads, causal));
        ln2 = addChildBlock("ln_2", LayerNorm.builder().axis(2).build());
        cFc = addChildBlock("c_fc", Linear.builder().setUnits((long) mlpRatio * width).build());
        cProj = addChildBlock("c_proj", Linear.builder().setUnits(width).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray x = in.head();                                                              // (B, T, d)
        x = x.add(SideOps.apply(attn, ps, training, SideOps.apply(ln1, ps, training, x)));
        NDArray h = Activation.gelu(SideOps.apply(cFc, ps, training, SideOps.apply(ln2, ps, training, x))); // (B, T, 4d)
        return new NDList(x.add(SideOps.apply(cProj, ps, training, h)));                     // (B, T, d)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) { return new Shape[] {inputs[0]}; }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];                                                           // (B, T, d)
        ln1.initialize(manager, dataType, s);
        attn.initialize(manager, dataType, s);
        ln2.initialize(manager, dataType, s);
        cFc.initialize(manager, dataType, s);
        cProj.initialize(manager, dataType, cFc.getOutputShapes(new Shape[] {s})[0]);      // (B, T, 4d)
    }
}
