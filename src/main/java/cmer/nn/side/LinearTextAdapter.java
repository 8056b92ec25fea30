package cmer.nn.side;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * {@code text-adapter = linear}: a residual linear bottleneck on the pooled final feature only,
 * {@code x = h_L[eot]}, {@code f = x + λ·Up(Down(LayerNorm(x)))} (D → D/r → D, no nonlinearity).
 * Same input/output contract as {@link TextSide}; only the last tap is read. f = x exactly at init.
 * Names: ln, down, up, lambda.
 */
final class LinearTextAdapter extends AbstractBlock {
    private final LayerNorm ln;
    private final Linear down, up;
    private final Parameter lambda;
    private final SideConfig cfg;

    LinearTextAdapter(SideConfig cfg) {
        this.cfg = cfg;
        ln = addChildBlock("ln", LayerNorm.builder().axis(1).build());
        down = addChildBlock("down", Linear.builder().setUnits(cfg.sideWidth()).build());
        up = addChildBlock("up", Linear.builder().setUnits(cfg.width()).build());
        if (cfg.lambdaInit() != 0) up.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        lambda = addParameter(Parameter.builder().setName("lambda").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1)).optInitializer(new ConstantInitializer((float) cfg.lambdaInit())).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray last = in.get(in.size() - 1).stopGradient();                         // (B, T, D)
        NDArray x = TextSide.eotPicker(in.get(0), last).matMul(last).squeeze(1);     // (B, D)
        NDArray y = SideOps.apply(up, ps, training, SideOps.apply(down, ps, training, SideOps.apply(ln, ps, training, x))); // (B, D)
        NDArray l = SideOps.lift(y, ps.getValue(lambda, y.getDevice(), training));  // (1)
        return new NDList(x.add(y.mul(l)));                                          // (B, D)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) { return new Shape[] {new Shape(in[1].get(0), cfg.width())}; }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
        Shape x = new Shape(in[1].get(0), cfg.width());                              // (B, D)
        ln.initialize(manager, dataType, x);
        down.initialize(manager, dataType, x);
        up.initialize(manager, dataType, new Shape(x.get(0), cfg.sideWidth()));      // (B, d)
    }
}
