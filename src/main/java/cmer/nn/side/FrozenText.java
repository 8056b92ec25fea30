package cmer.nn.side;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** {@code text-adapter = none}: the frozen text feature unchanged, f = h_L[eot]. Same contract as {@link TextSide}; no parameters. */
final class FrozenText extends AbstractBlock {
    private final int width;

    FrozenText(int width) { this.width = width; }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray last = in.get(in.size() - 1).stopGradient();                         // (B, T, D)
        return new NDList(TextSide.eotPicker(in.get(0), last).matMul(last).squeeze(1)); // (B, D)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) { return new Shape[] {new Shape(in[1].get(0), width)}; }
}
