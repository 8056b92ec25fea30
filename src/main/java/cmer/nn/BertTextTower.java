package cmer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import cmer.core.CmerException;

/**
 * A BERT text tower: word + position + token-type-0 embeddings, {@code ln_emb}, post-LN {@link BertLayer}s
 * that ignore padding, the [CLS] state, then {@code text_projection} (D, E) into the shared space.
 * {@code text_projection} is ours (a BERT checkpoint has none: it starts from random and is trained).
 * In: token ids (B, T) padded with {@code padTokenId}. Out: (B, E) [, taps, attention; see {@link Transformer}].
 */
public final class BertTextTower extends AbstractBlock implements Tower {
    /** HF BERT's additive mask value for padding: the most negative float. */
    static final float MASKED = -Float.MAX_VALUE;

    private final BertConfig cfg;
    private final TokenEmbedding wordEmbeddings, positionEmbeddings, tokenTypeEmbeddings;
    private final Norm lnEmb;
    private final Transformer transformer;
    private final Parameter textProjection;

    public BertTextTower(BertConfig cfg, int embedDim) {
        this.cfg = cfg;
        int d = cfg.width();
        wordEmbeddings = addChildBlock("word_embeddings", new TokenEmbedding(cfg.vocabSize(), d));
        positionEmbeddings = addChildBlock("position_embeddings", new TokenEmbedding(cfg.maxPositions(), d));
        tokenTypeEmbeddings = addChildBlock("token_type_embeddings", new TokenEmbedding(cfg.typeVocabSize(), d));
        lnEmb = addChildBlock("ln_emb", new Norm(d, Norm.BERT_EPS));
        transformer = addChildBlock("transformer", new Transformer(cfg.layers(), i -> new BertLayer(d, cfg.heads(), cfg.mlpWidth())));
        textProjection = addParameter(Parameter.builder().setName("text_projection").setType(Parameter.Type.OTHER)
                .optShape(new Shape(d, embedDim)).optInitializer(new NormalInitializer((float) Math.pow(d, -0.5))).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray ids = in.head();                                                         // (B, T)
        long b = ids.getShape().get(0), t = ids.getShape().get(1);
        if (t > cfg.maxPositions()) throw new CmerException("text of " + t + " tokens is longer than BERT's " + cfg.maxPositions() + " positions");
        NDArray x = Nn.apply(wordEmbeddings, ps, training, ids);                         // (B, T, D)
        NDArray positions = x.getManager().arange(0, (int) t, 1, DataType.INT64).expandDims(0);  // (1, T)
        x = x.add(Nn.apply(positionEmbeddings, ps, training, positions));                // + (1, T, D)
        NDArray type0 = Nn.apply(tokenTypeEmbeddings, ps, training, positions.zerosLike());  // (1, T, D), type 0 everywhere
        x = Nn.apply(lnEmb, ps, training, x.add(type0));                                 // (B, T, D)
        NDArray mask = ids.eq(cfg.padTokenId()).toType(x.getDataType(), false)
                .mul(MASKED).reshape(b, 1, 1, t);                                        // (B, 1, 1, T): 0 keep, -max pad
        NDList out = transformer.forward(ps, new NDList(x, mask), training, params);     // (B, T, D) [, taps, probs]
        out.set(0, head(ps, pool(out.head(), ids), training));                            // (B, E)
        return out;
    }

    @Override
    public NDArray pool(NDArray hidden, NDArray ids) { return hidden.get(new NDIndex(":, 0, :")); }  // (B, D) [CLS]

    /** No final norm: BERT's layers end in one. */
    @Override
    public NDArray head(ParameterStore ps, NDArray pooled, boolean training) {
        return pooled.matMul(ps.getValue(textProjection, pooled.getDevice(), training));  // (B, E)
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
        wordEmbeddings.initialize(manager, dataType, in[0]);                             // (B, T)
        positionEmbeddings.initialize(manager, dataType, new Shape(1, in[0].get(1)));    // (1, T)
        tokenTypeEmbeddings.initialize(manager, dataType, in[0]);
        Shape x = wordEmbeddings.getOutputShapes(in)[0];                                 // (B, T, D)
        lnEmb.initialize(manager, dataType, x);
        transformer.initialize(manager, dataType, x, new Shape(in[0].get(0), 1, 1, in[0].get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) { return new Shape[] {new Shape(in[0].get(0), textProjection.getShape().get(1))}; }

    @Override
    public int layers() { return cfg.layers(); }

    @Override
    public int width() { return cfg.width(); }

    @Override
    public int heads() { return cfg.heads(); }

    public BertConfig config() { return cfg; }
}
