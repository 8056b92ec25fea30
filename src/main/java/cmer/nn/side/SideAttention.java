package cmer.nn.side;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention at the side width (open_clip names: {@code in_proj}, {@code out_proj}).
 * Private to the side network and deliberately minimal; cmer.nn's tower attention may replace it when
 * the two are unified. Input and output (B, T, d); optional causal mask (text).
 */
final class SideAttention extends AbstractBlock {
    private final int width, heads;
    private final boolean causal;
    private final Linear inProj, outProj;

    SideAttention(int width, int heads, boolean causal) {
        this.width = width;
        this.heads = heads;
        this.causal = causal;
        inProj = addChildBlock("in_proj", Linear.builder().setUnits(3L * width).build());
        outProj = addChildBlock("out_proj", Linear.builder().setUnits(width).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray x = in.head();                                                   // (B, T, d)
        long b = x.getShape().get(0), t = x.getShape().get(1), hd = width / heads;
        NDArray qkv = SideOps.apply(inProj, ps, training, x);                    // (B, T, 3d)
        NDList parts = qkv.split(3, 2);                                          // 3 × (B, T, d)
        NDArray q = heads(parts.get(0), b, t, hd);                               // (B, H, T, hd)
        NDArray k = heads(parts.get(1), b, t, hd);                               // (B, H, T, hd)
        NDArray v = heads(parts.get(2), b, t, hd);                               // (B, H, T, hd)
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(SideOps.scalar(q, Math.sqrt(hd))); // (B, H, T, T)
        if (causal) {
            float[] future = new float[(int) (t * t)];                          // -1e4 above the diagonal: no peeking ahead
            for (int i = 0; i < t; i++) for (int j = i + 1; j < t; j++) future[i * (int) t + j] = -1e4f;
            NDArray mask = cmer.nn.Nn.owned(x.getManager().create(future, new Shape(t, t)));           // engine-owned (Nn.owned)
            scores = scores.add(mask.toDevice(x.getDevice(), false));                                     // (T, T) broadcast
        }
        NDArray y = scores.softmax(3).matMul(v)                                  // (B, H, T, hd)
                .transpose(0, 2, 1, 3)                                           // (B, T, H, hd)
                .reshape(b, t, width);                                           // (B, T, d)
        return new NDList(SideOps.apply(outProj, ps, training, y));              // (B, T, d)
    }

    private NDArray heads(NDArray x, long b, long t, long hd) {
        return x.reshape(b, t, heads, hd)                                        // (B, T, H, hd)
                .transpose(0, 2, 1, 3);                                          // (B, H, T, hd)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) { return new Shape[] {inputs[0]}; }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];                                                // (B, T, d)
        inProj.initialize(manager, dataType, s);
        outProj.initialize(manager, dataType, s);
    }
}
