package cmer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import cmer.core.CmerException;

/**
 * CLIP's image tower (open_clip names): {@code conv1} patch embedding without bias, {@code class_embedding},
 * {@code positional_embedding}, {@code ln_pre}, {@code transformer}, {@code ln_post} on the class token,
 * {@code proj}. In: images (B, 3, S, S), already normalised. Out: (B, E) [, taps, attention; see {@link Transformer}].
 * Letters: g = S / patch, T = g² + 1 tokens, D width, E embedding.
 */
public final class VisionTransformer extends AbstractBlock implements Tower {
    private final VisionConfig cfg;
    private final Conv2d conv1;
    private final Parameter classEmbedding, positionalEmbedding, proj;
    private final Norm lnPre, lnPost;
    private final Transformer transformer;

    public VisionTransformer(VisionConfig cfg, int embedDim) {
        this.cfg = cfg;
        int d = cfg.width();
        float scale = (float) Math.pow(d, -0.5);                                        // open_clip's init: width^-0.5
        conv1 = addChildBlock("conv1", Conv2d.builder().setKernelShape(new Shape(cfg.patchSize(), cfg.patchSize()))
                .optStride(new Shape(cfg.patchSize(), cfg.patchSize())).setFilters(d).optBias(false).build());
        classEmbedding = addParameter(Parameter.builder().setName("class_embedding").setType(Parameter.Type.OTHER)
                .optShape(new Shape(d)).optInitializer(new NormalInitializer(scale)).build());
        positionalEmbedding = addParameter(Parameter.builder().setName("positional_embedding").setType(Parameter.Type.OTHER)
                .optShape(new Shape(cfg.tokens(), d)).optInitializer(new NormalInitializer(scale)).build());
        lnPre = addChildBlock("ln_pre", new Norm(d, Norm.CLIP_EPS));
        transformer = addChildBlock("transformer", new Transformer(cfg.layers(),
                i -> new ResidualAttentionBlock(d, cfg.heads(), cfg.mlpWidth(), cfg.activation())));
        lnPost = addChildBlock("ln_post", new Norm(d, Norm.CLIP_EPS));
        proj = addParameter(Parameter.builder().setName("proj").setType(Parameter.Type.OTHER)
                .optShape(new Shape(d, embedDim)).optInitializer(new NormalInitializer(scale)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray img = in.head();                                                         // (B, 3, S, S)
        Shape want = new Shape(img.getShape().get(0), 3, cfg.imageSize(), cfg.imageSize());
        if (!img.getShape().equals(want)) throw new CmerException("images of shape " + img.getShape() + ": this model expects " + want);
        long b = img.getShape().get(0), d = cfg.width();
        NDArray x = Nn.apply(conv1, ps, training, img);                                  // (B, D, g, g)
        x = x.reshape(b, d, -1).transpose(0, 2, 1);                                      // (B, D, g²) → (B, g², D)
        NDArray cls = x.getManager().zeros(new Shape(b, 1, d), x.getDataType())
                .add(ps.getValue(classEmbedding, x.getDevice(), training));               // (B, 1, D), made in x's scope
        x = NDArrays.concat(new NDList(cls, x), 1);                                      // (B, T, D)
        x = x.add(ps.getValue(positionalEmbedding, x.getDevice(), training));            // (T, D) broadcast
        x = Nn.apply(lnPre, ps, training, x);
        NDList out = transformer.forward(ps, new NDList(x), training, params);           // (B, T, D) [, taps, probs]
        out.set(0, head(ps, pool(out.head(), img), training));                            // (B, E)
        return out;
    }

    @Override
    public NDArray pool(NDArray hidden, NDArray input) { return hidden.get(":, 0, :"); }  // (B, T, D) → (B, D) class token

    @Override
    public NDArray head(ParameterStore ps, NDArray pooled, boolean training) {
        NDArray x = Nn.apply(lnPost, ps, training, pooled);                               // (B, D)
        return x.matMul(ps.getValue(proj, x.getDevice(), training));                      // (B, E)
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
        conv1.initialize(manager, dataType, in[0]);                                      // (B, 3, S, S)
        Shape tokens = new Shape(in[0].get(0), cfg.tokens(), cfg.width());               // (B, T, D)
        lnPre.initialize(manager, dataType, tokens);
        transformer.initialize(manager, dataType, tokens);
        lnPost.initialize(manager, dataType, new Shape(in[0].get(0), cfg.width()));      // (B, D)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) { return new Shape[] {new Shape(in[0].get(0), proj.getShape().get(1))}; }

    @Override
    public int layers() { return cfg.layers(); }

    @Override
    public int width() { return cfg.width(); }

    @Override
    public int heads() { return cfg.heads(); }

    public VisionConfig config() { return cfg; }
}
