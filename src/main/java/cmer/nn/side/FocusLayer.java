package cmer.nn.side;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * The focus layer (CMER-METHOD.md): per-patch saliency from the side CLS token,
 * {@code a = softmax_patches((W_q s_cls)·(W_k s_patch)ᵀ / sqrt(d))}, and the patch tokens re-weighted
 * {@code s_patch ← s_patch ⊙ (1 + γ·(N·a − 1))}, γ learnable from 0 (so it changes nothing at step 0;
 * with γ = 1 a patch of average saliency keeps its size, low-saliency background shrinks).
 *
 * <p>Input: side tokens s (B, T, d), token 0 = CLS, N = T − 1 patches. Output: re-weighted s (B, T, d)
 * and the saliency a (B, N), which sums to 1 over patches: the attention map the explorer overlays.
 * Names: q, k (Linear d → d), gamma.
 */
public final class FocusLayer extends AbstractBlock {
    private final int width;
    private final Linear q, k;
    private final Parameter gamma;

    public FocusLayer(int width) {
        this.width = width;
        q = addChildBlock("q", Linear.builder().setUnits(width).build());
        k = addChildBlock("k", Linear.builder().setUnits(width).optBias(false).build()); // a key bias only shifts all logits: softmax ignores it
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1)).optInitializer(Initializer.ZEROS).build());     // focus off at step 0
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray s = in.head();                                                      // (B, T, d)
        long n = s.getShape().get(1) - 1;
        NDArray cls = s.get(":, 0:1, :");                                           // (B, 1, d)
        NDArray patch = s.get(":, 1:, :");                                          // (B, N, d)
        NDArray query = SideOps.apply(q, ps, training, cls);                        // (B, 1, d)
        NDArray key = SideOps.apply(k, ps, training, patch);                        // (B, N, d)
        NDArray a = key.matMul(query.transpose(0, 2, 1))                            // (B, N, 1)
                .squeeze(2).div(SideOps.scalar(key, Math.sqrt(width))).softmax(1); // (B, N) saliency
        NDArray g = SideOps.lift(a, ps.getValue(gamma, a.getDevice(), training));   // (1)
        NDArray w = a.mul(SideOps.scalar(a, n)).sub(1f).mul(g).add(1f);            // (B, N) = 1 + γ(N·a − 1)
        NDArray reweighted = patch.mul(w.expandDims(2));                            // (B, N, d)
        return new NDList(NDArrays.concat(new NDList(cls, reweighted), 1), a);      // (B, T, d), (B, N)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];                                                        // (B, T, d)
        return new Shape[] {s, new Shape(s.get(0), s.get(1) - 1)};                  // (B, T, d), (B, N)
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];                                                   // (B, T, d)
        q.initialize(manager, dataType, new Shape(s.get(0), 1, s.get(2)));          // (B, 1, d)
        k.initialize(manager, dataType, new Shape(s.get(0), s.get(1) - 1, s.get(2))); // (B, N, d)
    }
}
