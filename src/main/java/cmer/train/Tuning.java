package cmer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import cmer.core.TrainConfig;
import cmer.nn.ClipModel;
import cmer.nn.ParameterPaths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One training method over a CLIP backbone (TrainConfig.method): what is frozen, what trains, how a batch
 * becomes embeddings. Each modality is two calls, so the trainer can run the frozen part before it opens
 * the GradientCollector (CMER's backbone then records no autograd at all):
 * <pre>
 * visionFrozen(images (B, 3, S, S)) → NDList        no gradient needed (CMER: the tapped hidden states)
 * vision(frozen, training)          → (B, E) L2-normalised embeddings [, saliency (B, N)]
 * textFrozen(ids (B, T), eot (B))   → NDList
 * text(frozen, training)            → (B, E) L2-normalised embeddings
 * </pre>
 * Trainable parameters are named as in checkpoints; the logit scale (learnable temperature) always trains.
 */
public abstract class Tuning {
    protected final ClipModel clip;
    protected final ParameterStore ps;

    protected Tuning(ClipModel clip, NDManager manager) {
        this.clip = clip;
        this.ps = new ParameterStore(manager, false);
    }

    /** The method of {@code cfg} over {@code clip} (initialised in {@code manager}); extra blocks are created there. */
    public static Tuning of(TrainConfig cfg, ClipModel clip, NDManager manager) {
        return switch (cfg.method()) {
            case ZERO_SHOT -> new ZeroShotTuning(clip, manager);
            case FULL_FT -> new FullTuning(clip, manager);
            case ADAPTER -> new AdapterTuning(clip, manager, cfg.cmer().side().reduction());
            case CMER -> new CmerTuning(clip, manager, cfg.cmer().side());
        };
    }

    public abstract NDList visionFrozen(NDArray images);

    public abstract NDList vision(NDList frozen, boolean training);

    public abstract NDList textFrozen(NDArray ids, NDArray eot);

    public abstract NDArray text(NDList frozen, boolean training);

    /** Parameters the optimiser updates, by checkpoint name (empty for zero-shot). */
    public abstract Map<String, Parameter> trainable();

    /** Every parameter of the model (backbone and added blocks), by name. */
    public Map<String, Parameter> all() {
        Map<String, Parameter> m = new LinkedHashMap<>(ParameterPaths.of(clip));
        trainable().forEach(m::putIfAbsent);
        return m;
    }

    public ClipModel clip() { return clip; }

    public ParameterStore store() { return ps; }

    /** The logit scale parameter's array (log of the inverse temperature). */
    public NDArray logitScale() { return clip.logitScaleParameter().getArray(); }

    /** Freezes the backbone (no gradient anywhere in it) but keeps the temperature learnable. */
    protected static void freezeBackbone(ClipModel clip) {
        clip.freezeParameters(true);
        clip.logitScaleParameter().freeze(false);
    }

    protected static Map<String, Parameter> logitScaleOnly(ClipModel clip) {
        Map<String, Parameter> m = new LinkedHashMap<>();
        m.put("logit_scale", clip.logitScaleParameter());
        return m;
    }

    /** Rows scaled to unit L2 norm: (B, E) → (B, E). */
    public static NDArray l2(NDArray x) {
        return x.div(x.square().sum(new int[] {1}, true).sqrt());
    }
}
