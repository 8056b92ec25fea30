package cmer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import cmer.core.CmerException;
import java.util.Arrays;

/**
 * CLIP's text tower (open_clip names): {@code token_embedding}, {@code positional_embedding}, causal
 * {@code transformer}, {@code ln_final}, end-of-text pooling, {@code text_projection}.
 * In: token ids (B, T), T ≤ context length. Out: (B, E) [, taps, attention; see {@link Transformer}].
 */
public final class TextTransformer extends AbstractBlock implements Tower {
    private final TextConfig cfg;
    private final TokenEmbedding tokenEmbedding;
    private final Parameter positionalEmbedding, textProjection;
    private final Transformer transformer;
    private final Norm lnFinal;

    public TextTransformer(TextConfig cfg, int embedDim) {
        this.cfg = cfg;
        int d = cfg.width();
        tokenEmbedding = addChildBlock("token_embedding", new TokenEmbedding(cfg.vocabSize(), d));
        positionalEmbedding = addParameter(Parameter.builder().setName("positional_embedding").setType(Parameter.Type.OTHER)
                .optShape(new Shape(cfg.contextLength(), d)).optInitializer(new NormalInitializer(0.01f)).build());
        transformer = addChildBlock("transformer", new Transformer(cfg.layers(),
                i -> new ResidualAttentionBlock(d, cfg.heads(), cfg.mlpWidth(), cfg.activation())));
        lnFinal = addChildBlock("ln_final", new Norm(d, Norm.CLIP_EPS));
        textProjection = addParameter(Parameter.builder().setName("text_projection").setType(Parameter.Type.OTHER)
                .optShape(new Shape(d, embedDim)).optInitializer(new NormalInitializer((float) Math.pow(d, -0.5))).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray ids = in.head();                                                         // (B, T)
        long t = ids.getShape().get(1);
        if (t > cfg.contextLength()) throw new CmerException("text of " + t + " tokens is longer than the context length " + cfg.contextLength());
        NDArray x = Nn.apply(tokenEmbedding, ps, training, ids);                         // (B, T, D)
        NDArray positions = x.getManager().arange(0, (int) t, 1, DataType.INT64);       // (T)
        x = x.add(Nn.lookup(positions, ps.getValue(positionalEmbedding, x.getDevice(), training)));  // + (T, D)
        NDList out = transformer.forward(ps, new NDList(x, causalMask(x.getManager(), t)), training, params);
        out.set(0, head(ps, pool(out.head(), ids), training));                            // (B, E)
        return out;
    }

    /** The end-of-text position of each row; ln_final is per token, so pooling before it changes nothing. */
    @Override
    public NDArray pool(NDArray hidden, NDArray ids) {
        long t = hidden.getShape().get(1);
        NDArray eot = cfg.eotTokenId() < 0 ? ids.argMax(1)                               // OpenAI: end-of-text has the largest id
                : ids.eq(cfg.eotTokenId()).toType(DataType.INT32, false).argMax(1);      // first position holding the id
        NDArray pick = eot.oneHot((int) t).toType(hidden.getDataType(), false).expandDims(1);  // (B, 1, T)
        return pick.matMul(hidden).squeeze(1);                                           // (B, 1, D) → (B, D)
    }

    @Override
    public NDArray head(ParameterStore ps, NDArray pooled, boolean training) {
        NDArray x = Nn.apply(lnFinal, ps, training, pooled);                              // (B, D)
        return x.matMul(ps.getValue(textProjection, x.getDevice(), training));            // (B, E)
    }

    /** (T, T): 0 on and below the diagonal, -inf above, so token i sees tokens 0..i. */
    static NDArray causalMask(NDManager manager, long t) {
        float[] m = new float[(int) (t * t)];
        for (int i = 0; i < t; i++) Arrays.fill(m, (int) (i * t + i + 1), (int) ((i + 1) * t), Float.NEGATIVE_INFINITY);
        return Nn.owned(manager.create(m, new Shape(t, t)));                            // engine-owned (see Nn.owned)
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
        tokenEmbedding.initialize(manager, dataType, in[0]);                             // (B, T)
        Shape x = tokenEmbedding.getOutputShapes(in)[0];                                 // (B, T, D)
        transformer.initialize(manager, dataType, x, new Shape(in[0].get(1), in[0].get(1)));
        lnFinal.initialize(manager, dataType, x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) { return new Shape[] {new Shape(in[0].get(0), textProjection.getShape().get(1))}; }

    @Override
    public int layers() { return cfg.layers(); }

    @Override
    public int width() { return cfg.width(); }

    @Override
    public int heads() { return cfg.heads(); }

    public TextConfig config() { return cfg; }
}
