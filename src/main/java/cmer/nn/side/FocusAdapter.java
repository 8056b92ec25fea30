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
 * The Focus-Adapter of the vision tower (CMER-METHOD.md): ladder side network → focus layer →
 * saliency-weighted pooling of the side patch tokens → {@code Up} (d → D) → {@code f = CLS_L + λ·Up(pool)}.
 * The caller then applies the frozen {@code ln_post}, projection and L2 normalisation.
 *
 * <p>Input: the tapped hidden states h_1 … h_n (B, T, D), token 0 = CLS, the last one = the tower's
 * final layer (CLS_L is read from it), produced without autograd. Output: f (B, D) and the saliency
 * a (B, N) (uniform when the focus layer is off). At initialisation f = CLS_L exactly: Up is zero
 * (or, with lambdaInit = 0, λ is zero and Up random: the product of two zero-initialised factors would
 * give both zero gradient forever, so exactly one of them starts at zero).
 * Names: ladder, focus, up, lambda.
 */
public final class FocusAdapter extends AbstractBlock {
    private final SideConfig cfg;
    private final LadderSide ladder;
    private final AbstractBlock focus;
    private final Linear up;
    private final Parameter lambda;

    public FocusAdapter(SideConfig cfg) {
        this.cfg = cfg;
        ladder = addChildBlock("ladder", new LadderSide(cfg));
        focus = addChildBlock("focus", cfg.focusLayer() ? new FocusLayer(cfg.sideWidth()) : new UniformFocus());
        up = addChildBlock("up", Linear.builder().setUnits(cfg.width()).build());
        if (cfg.lambdaInit() != 0) up.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);   // identity at step 0
        lambda = addParameter(Parameter.builder().setName("lambda").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1)).optInitializer(new ConstantInitializer((float) cfg.lambdaInit())).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList taps, boolean training, PairList<String, Object> params) {
        NDArray cls = taps.get(taps.size() - 1).get(":, 0, :").stopGradient();      // (B, D) CLS_L, frozen
        NDArray s = ladder.forward(ps, taps, training).head();                       // (B, T, d)
        NDList focused = focus.forward(ps, new NDList(s), training);
        NDArray tokens = focused.get(0).get(":, 1:, :");                             // (B, N, d) side patch tokens
        NDArray a = focused.get(1);                                                  // (B, N) saliency
        NDArray w = cfg.focusPool() ? a : a.onesLike().div((float) a.getShape().get(1)); // (B, N) pooling weights
        NDArray pool = w.expandDims(1).matMul(tokens).squeeze(1);                    // (B, 1, N)·(B, N, d) → (B, d)
        NDArray l = SideOps.lift(pool, ps.getValue(lambda, pool.getDevice(), training)); // (1)
        NDArray f = cls.add(SideOps.apply(up, ps, training, pool).mul(l));          // (B, D)
        return new NDList(f, a);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] taps) {
        Shape s = ladder.getOutputShapes(taps)[0];                                   // (B, T, d)
        return new Shape[] {new Shape(s.get(0), cfg.width()), new Shape(s.get(0), s.get(1) - 1)}; // (B, D), (B, N)
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... taps) {
        ladder.initialize(manager, dataType, taps);
        Shape s = ladder.getOutputShapes(taps)[0];                                   // (B, T, d)
        focus.initialize(manager, dataType, s);
        up.initialize(manager, dataType, new Shape(s.get(0), s.get(2)));             // (B, d)
    }
}
