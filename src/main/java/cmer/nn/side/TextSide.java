package cmer.nn.side;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * The text tower's adapter, {@code text-adapter = side}: the same ladder side network (causal attention,
 * no focus layer), pooled at each caption's EOT position, {@code f = h_L[eot] + λ·Up(s[eot])}.
 * The caller then applies the frozen {@code ln_final}, text projection and L2 normalisation.
 *
 * <p>Input: eot (B) int64 token positions, then the tapped hidden states h_1 … h_n (B, T, D), the last
 * one = the final layer, produced without autograd. Output: f (B, D); f = h_L[eot] exactly at init.
 * Names: ladder, up, lambda.
 */
public final class TextSide extends AbstractBlock {
    private final SideConfig cfg;
    private final LadderSide ladder;
    private final Linear up;
    private final Parameter lambda;

    public TextSide(SideConfig cfg) {
        this.cfg = cfg;
        ladder = addChildBlock("ladder", new LadderSide(cfg));
        up = addChildBlock("up", Linear.builder().setUnits(cfg.width()).build());
        if (cfg.lambdaInit() != 0) up.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        lambda = addParameter(Parameter.builder().setName("lambda").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1)).optInitializer(new ConstantInitializer((float) cfg.lambdaInit())).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDList taps = in.subNDList(1);
        NDArray last = taps.get(taps.size() - 1).stopGradient();                      // (B, T, D)
        NDArray pick = eotPicker(in.get(0), last);                                    // (B, 1, T)
        NDArray pooled = pick.matMul(last).squeeze(1);                                // (B, D) = h_L[eot]
        NDArray s = ladder.forward(ps, taps, training).head();                        // (B, T, d)
        NDArray pool = pick.matMul(s).squeeze(1);                                     // (B, d) = s[eot]
        NDArray l = SideOps.lift(pool, ps.getValue(lambda, pool.getDevice(), training)); // (1)
        return new NDList(pooled.add(SideOps.apply(up, ps, training, pool).mul(l)));  // (B, D)
    }

    /** One-hot rows selecting each caption's EOT token: a batched matMul gathers (B, T, *) → (B, *). */
    static NDArray eotPicker(NDArray eot, NDArray hidden) {
        long t = hidden.getShape().get(1);
        return eot.toType(DataType.INT64, false).oneHot((int) t)                     // (B, T)
                .toType(hidden.getDataType(), false).expandDims(1);                   // (B, 1, T)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) { return new Shape[] {new Shape(in[1].get(0), cfg.width())}; }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
        Shape[] taps = java.util.Arrays.copyOfRange(in, 1, in.length);
        ladder.initialize(manager, dataType, taps);
        Shape s = ladder.getOutputShapes(taps)[0];                                    // (B, T, d)
        up.initialize(manager, dataType, new Shape(s.get(0), s.get(2)));              // (B, d)
    }
}
