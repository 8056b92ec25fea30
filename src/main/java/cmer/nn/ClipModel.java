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

/**
 * The two towers and CLIP's {@code logit_scale}. Children {@code visual} and {@code text}; canonical weight names
 * are open_clip's with the text tower under {@code text.} (open_clip's CustomTextCLIP layout).
 * In: images (B, 3, S, S), token ids (B', T). Out: image embeddings (B, E), text embeddings (B', E), unnormalised.
 */
public final class ClipModel extends AbstractBlock {
    private final ClipConfig cfg;
    private final VisionTransformer visual;
    private final Tower text;
    private final Parameter logitScale;

    public ClipModel(ClipConfig cfg) {
        this.cfg = cfg;
        visual = addChildBlock("visual", new VisionTransformer(cfg.vision(), cfg.embedDim()));
        text = addChildBlock("text", cfg.text() != null ? new TextTransformer(cfg.text(), cfg.embedDim())
                : new BertTextTower(cfg.bert(), cfg.embedDim()));
        logitScale = addParameter(Parameter.builder().setName("logit_scale").setType(Parameter.Type.OTHER)
                .optShape(new Shape()).optInitializer(Nn.constant((float) Math.log(1 / 0.07))).build());
    }

    /** Builds the model with random weights (std 0.02 for linear layers) and allocates its parameters in {@code manager}. */
    public static ClipModel create(ClipConfig cfg, NDManager manager) {
        ClipModel m = new ClipModel(cfg);
        m.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        m.initialize(manager, DataType.FLOAT32, m.inputShapes(1));
        return m;
    }

    /** Input shapes for a batch: images (B, 3, S, S) and ids (B, T). */
    public Shape[] inputShapes(long batch) {
        return new Shape[] {new Shape(batch, 3, cfg.vision().imageSize(), cfg.vision().imageSize()), new Shape(batch, cfg.contextLength())};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray images = Nn.apply(visual, ps, training, in.get(0));                      // (B, E)
        NDArray texts = Nn.apply(text, ps, training, in.get(1));                         // (B', E)
        return new NDList(images, texts);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
        visual.initialize(manager, dataType, in[0]);
        text.initialize(manager, dataType, in[1]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {visual.getOutputShapes(new Shape[] {in[0]})[0], text.getOutputShapes(new Shape[] {in[1]})[0]};
    }

    public VisionTransformer visual() { return visual; }

    public Tower text() { return text; }

    public ClipConfig config() { return cfg; }

    /** The learned temperature's log; logits are {@code exp(logitScale)·cos}. */
    public float logitScale() { return logitScale.getArray().getFloat(); }

    public Parameter logitScaleParameter() { return logitScale; }
}
