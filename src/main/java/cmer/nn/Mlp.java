package cmer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** The transformer MLP: {@code c_fc} (D → M), GELU or QuickGELU, {@code c_proj} (M → D). In and out (B, T, D). */
public final class Mlp extends AbstractBlock {
    private final Linear cFc, cProj;
    private final Activation activation;

    private Mlp(Builder b) {
        activation = b.activation;
        cFc = addChildBlock("c_fc", Linear.builder().setUnits(b.hidden).build());
        cProj = addChildBlock("c_proj", Linear.builder().setUnits(b.width).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray x = Nn.apply(cFc, ps, training, in.head());                              // (B, T, M)
        x = activation == Activation.GELU
                ? x.getNDArrayInternal().gelu()                                          // erf GELU, one torch kernel
                : x.mul(x.mul(Nn.scalar(x, 1.702)).getNDArrayInternal().sigmoid());      // QuickGELU: x·σ(1.702x)
        return new NDList(Nn.apply(cProj, ps, training, x));                              // (B, T, D)
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
        cFc.initialize(manager, dataType, in[0]);
        cProj.initialize(manager, dataType, cFc.getOutputShapes(in)[0]);                 // (B, T, M)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) { return new Shape[] {in[0]}; }

    public static Builder builder() { return new Builder(); }

    /** All three setters are required. */
    public static final class Builder {
        private int width, hidden;
        private Activation activation;

        public Builder setWidth(int width) { this.width = width; return this; }

        public Builder setHidden(int hidden) { this.hidden = hidden; return this; }

        public Builder setActivation(Activation activation) { this.activation = activation; return this; }

        public Mlp build() {
            if (width <= 0 || hidden <= 0 || activation == null) {
                throw new IllegalArgumentException("mlp needs width > 0, hidden > 0 and an activation; got " + width + ", " + hidden + ", " + activation);
            }
            return new Mlp(this);
        }
    }
}
