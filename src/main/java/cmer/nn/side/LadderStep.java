package cmer.nn.side;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * One ladder step l (CMER-METHOD.md): {@code z = Down(LayerNorm(h_l))} (D → d),
 * {@code s = μ·s_prev + (1−μ)·z} with {@code μ = sigmoid(alpha)}, then a small transformer block.
 * Inputs: h_l (B, T, D) from the frozen tower, s_prev (B, T, d) (zeros before the first step).
 * Output: s_l (B, T, d). Names: ln, down, alpha (init 0: μ = ½), block.
 */
final class LadderStep extends AbstractBlock {
    private final LayerNorm ln;
    private final Linear down;
    private final Parameter alpha;
    private final SideTransformerBlock block;

    LadderStep(SideConfig c) {
        ln = addChildBlock("ln", LayerNorm.builder().axis(2).build());
        down = addChildBlock("down", Linear.builder().setUnits(c.sideWidth()).build());
        alpha = addParameter(Parameter.builder().setName("alpha").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1)).optInitializer(Initializer.ZEROS).build());          // μ = ½ at step 0
        block = addChildBlock("block", new SideTransformerBlock(c.sideWidth(), c.heads(), c.mlpRatio(), c.causal()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray h = in.get(0).stopGradient();                       // (B, T, D); never backprop into the backbone
        NDArray prev = in.get(1);                                    // (B, T, d)
        NDArray z = SideOps.apply(down, ps, training, SideOps.apply(ln, ps, training, h)); // (B, T, d)
        NDArray mu = SideOps.lift(z, ps.getValue(alpha, z.getDevice(), training)); // (1)
        mu = Activation.sigmoid(mu);                                // (1) μ = sigmoid(α)
        NDArray s = prev.mul(mu).add(z.mul(mu.neg().add(1f)));      // (B, T, d) gated ladder merge
        return new NDList(SideOps.apply(block, ps, training, s));   // (B, T, d)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) { return new Shape[] {inputs[1]}; }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape h = inputShapes[0];                                              // (B, T, D)
        ln.initialize(manager, dataType, h);
        down.initialize(manager, dataType, h);
        Shape s = down.getOutputShapes(new Shape[] {h})[0];                    // (B, T, d)
        block.initialize(manager, dataType, s);
    }
}
