package cmer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * LayerNorm over the last axis only, with PyTorch's parameter names {@code weight}/{@code bias}.
 * Ours rather than DJL's {@code LayerNorm}: that one names its parameters gamma/beta and normalises every axis
 * from its {@code axis} on (STACK.md trap), so a (B, T, D) and a (B, D) input would need two configurations.
 */
public final class Norm extends AbstractBlock {
    /** CLIP's epsilon; BERT uses 1e-12. */
    public static final float CLIP_EPS = 1e-5f, BERT_EPS = 1e-12f;

    private final long width;
    private final float eps;
    private final Parameter weight, bias;

    public Norm(long width, float eps) {
        this.width = width;
        this.eps = eps;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(width)).optInitializer(Initializer.ONES).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BETA)
                .optShape(new Shape(width)).optInitializer(Initializer.ZEROS).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray x = in.head();                                                    // (..., D)
        return x.getNDArrayInternal().layerNorm(x, new Shape(width),
                ps.getValue(weight, x.getDevice(), training), ps.getValue(bias, x.getDevice(), training), eps);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) { return new Shape[] {in[0]}; }
}
