package cmer.nn.side;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The focus layer switched off (ablation): tokens unchanged, uniform saliency 1/N. Same contract as
 * {@link FocusLayer}: (B, T, d) → (B, T, d), (B, N). No parameters.
 */
final class UniformFocus extends AbstractBlock {
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray s = in.head();                                                      // (B, T, d)
        long b = s.getShape().get(0), n = s.getShape().get(1) - 1;
        NDArray a = s.getManager().ones(new Shape(b, n), s.getDataType(), s.getDevice()).div((float) n); // (B, N)
        return new NDList(s, a);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        return new Shape[] {s, new Shape(s.get(0), s.get(1) - 1)};
    }
}
