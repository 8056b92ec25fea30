package cmer.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one training run needs, written to the run folder's {@code config.json} and into every
 * checkpoint. Loaded by {@link Configs#load} (defaults, then a JSON/YAML file, then {@code --set a.b=v}).
 * Every DESIGN element of CMER-METHOD.md is a switch here, so ablations never need code changes.
 *
 * @param method    which trainer: zero-shot, full-ft, adapter or cmer
 * @param cmer      the CMER switches (side network, focus layer, scene augmentation, queues, retrieval)
 * @param optim     AdamW hyper-parameters and gradient clipping
 * @param schedule  linear warm-up then cosine decay of the learning rate
 * @param data      dataset location, splits and image size
 * @param model     which backbone to start from
 * @param batchSize image–caption pairs per optimiser step
 * @param epochs    passes over the training split
 * @param maxSteps  hard cap on optimiser steps; 0 = epochs decide
 * @param evalEvery evaluate on the validation split every this many epochs (1 = every epoch)
 * @param seed      seed of every random choice (data order, augmentation, init): same seed + config ⇒ same losses
 * @param device    auto | cpu | gpu | gpuN
 * @param logEvery  write a metrics.jsonl train line every this many steps
 */
public record TrainConfig(Method method, Cmer cmer, Optim optim, Schedule schedule, Data data, Model model,
                          int batchSize, int epochs, long maxSteps, int evalEvery, long seed, String device,
                          int logEvery) {

    public static final TrainConfig DEFAULTS = new TrainConfig(Method.CMER, Cmer.DEFAULTS, Optim.DEFAULTS,
            Schedule.DEFAULTS, Data.DEFAULTS, Model.DEFAULTS, 32, 10, 0, 1, 42, "auto", 10);

    public TrainConfig {
        if (method == null) method = Method.CMER;
        if (cmer == null) cmer = Cmer.DEFAULTS;
        if (optim == null) optim = Optim.DEFAULTS;
        if (schedule == null) schedule = Schedule.DEFAULTS;
        if (data == null) data = Data.DEFAULTS;
        if (model == null) model = Model.DEFAULTS;
        if (device == null) device = "auto";
        positive("batchSize", batchSize);
        positive("epochs", epochs);
        if (maxSteps < 0) throw new IllegalArgumentException("maxSteps must be >= 0 (0 = epochs decide), not " + maxSteps);
        positive("evalEvery", evalEvery);
        positive("logEvery", logEvery);
        if (!device.equals("auto") && !device.equals("cpu") && !device.matches("gpu\\d*")) {
            throw new IllegalArgumentException("device must be auto, cpu or gpu[N], not '" + device + "'");
        }
    }

    /** The four trainers of issue 5; the JSON names are the user's words. */
    public enum Method {
        /** frozen backbone, nothing trained */
        @JsonProperty("zero-shot") ZERO_SHOT,
        /** every backbone parameter trained (the memory / throughput reference) */
        @JsonProperty("full-ft") FULL_FT,
        /** bottleneck adapters inside the backbone blocks (PE-RSITR / HarMA style) */
        @JsonProperty("adapter") ADAPTER,
        /** frozen backbone without autograd + ladder side network + focus layer + scene aug + queues */
        @JsonProperty("cmer") CMER
    }

    /** How the text tower is adapted in the cmer method (CMER-METHOD.md: text-adapter = side | linear | none). */
    public enum TextAdapter { @JsonProperty("side") SIDE, @JsonProperty("linear") LINEAR, @JsonProperty("none") NONE }

    /**
     * The CMER DESIGN switches.
     *
     * @param side      the ladder side network (Focus-Adapter)
     * @param scene     scene-label augmentation of captions and scene-aware retrieval
     * @param queue     negative-sample recycling (two FIFO queues, same-image masking)
     */
    public record Cmer(Side side, Scene scene, Queue queue) {
        public static final Cmer DEFAULTS = new Cmer(Side.DEFAULTS, Scene.DEFAULTS, Queue.DEFAULTS);

        public Cmer {
            if (side == null) side = Side.DEFAULTS;
            if (scene == null) scene = Scene.DEFAULTS;
            if (queue == null) queue = Queue.DEFAULTS;
        }
    }

    /**
     * @param tapEvery    tap every n-th backbone layer (1-based: layers n, 2n, …) and always the last
     * @param taps        explicit 1-based layer list instead of tapEvery; empty = use tapEvery
     * @param reduction   side width = backbone width / reduction (r = 8)
     * @param heads       attention heads of the side transformer blocks (must divide the side width)
     * @param focusLayer  the focus layer (saliency re-weighting of patch tokens) on or off
     * @param focusPool   true: saliency-weighted pooling of side patch tokens; false: mean pooling (uniform saliency)
     * @param lambdaInit  initial value of the output gate λ in f = CLS + λ·Up(pool); see docs/notes/train.md
     * @param textAdapter side | linear | none for the text tower
     */
    public record Side(int tapEvery, List<Integer> taps, int reduction, int heads, boolean focusLayer,
                       boolean focusPool, double lambdaInit, TextAdapter textAdapter) {
        public static final Side DEFAULTS = new Side(3, List.of(), 8, 2, true, true, 1.0, TextAdapter.SIDE);

        public Side {
            taps = taps == null ? List.of() : List.copyOf(taps);
            if (textAdapter == null) textAdapter = TextAdapter.SIDE;
            // not TrainConfig.positive: calling the outer class from here would start TrainConfig's static
            // initialiser while Side's is running, and TrainConfig.DEFAULTS would be built with cmer.side = null
            for (long[] v : new long[][] {{tapEvery}, {reduction}, {heads}}) {
                if (v[0] <= 0) throw new IllegalArgumentException("cmer.side.tapEvery, reduction and heads must be > 0: " + tapEvery + ", " + reduction + ", " + heads);
            }
            for (int t : taps) if (t < 1) throw new IllegalArgumentException("cmer.side.taps are 1-based layer numbers, not " + t);
            if (!Double.isFinite(lambdaInit)) throw new IllegalArgumentException("cmer.side.lambdaInit must be finite");
        }

        /** The tapped layers (1-based, ascending, last layer always included) of a backbone with {@code layers} blocks. */
        public int[] tapLayers(int layers) {
            java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
            if (taps.isEmpty()) for (int l = tapEvery; l <= layers; l += tapEvery) s.add(l);
            else for (int t : taps) {
                if (t > layers) throw new IllegalArgumentException("cmer.side.taps: layer " + t + " but the backbone has " + layers);
                s.add(t);
            }
            s.add(layers);
            return s.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * @param augment       scene-label augmentation of training captions on or off
     * @param p             probability that a caption with a known scene is augmented
     * @param template      augmented caption; {scene} and {caption} are replaced
     * @param prompts       scene prompt templates for scene-aware retrieval; {scene} is replaced; embeddings are averaged
     * @param beta          retrieval score = sim + β·log P(scene(v) | q); 0 = off
     * @param topKScenes    hard filter: keep only images whose scene is among the query's top-k scenes; 0 = off
     */
    public record Scene(boolean augment, double p, String template, List<String> prompts, double beta, int topKScenes) {
        public static final Scene DEFAULTS = new Scene(true, 0.5, "{scene} scene: {caption}",
                List.of("an aerial photo of a {scene}.", "a satellite image of a {scene}.", "a remote sensing image of a {scene}."),
                0.0, 0);

        public Scene {
            if (template == null) template = DEFAULTS.template();
            prompts = prompts == null || prompts.isEmpty() ? DEFAULTS.prompts() : List.copyOf(prompts);
            if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("cmer.scene.p must be in [0, 1], not " + p);
            if (!template.contains("{caption}")) {
                throw new IllegalArgumentException("cmer.scene.template must contain {caption}, got '" + template + "'");
            }
            for (String t : prompts) {
                if (!t.contains("{scene}")) throw new IllegalArgumentException("cmer.scene.prompts: '" + t + "' lacks {scene}");
            }
            if (!(beta >= 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("cmer.scene.beta must be >= 0, not " + beta);
            if (topKScenes < 0) throw new IllegalArgumentException("cmer.scene.topKScenes must be >= 0 (0 = off), not " + topKScenes);
        }
    }

    /**
     * @param enabled     the queue term L_queue on or off (off = plain in-batch InfoNCE)
     * @param size        K, entries per queue (image queue and text queue each)
     * @param warmupSteps start L_queue after this many steps; -1 = start when the queues are full
     * @param weight      w in L = L_batch + w·L_queue
     */
    public record Queue(boolean enabled, int size, long warmupSteps, double weight) {
        public static final Queue DEFAULTS = new Queue(true, 4096, -1, 1.0);

        public Queue {
            if (size < 0) throw new IllegalArgumentException("cmer.queue.size must be >= 0, not " + size);
            if (warmupSteps < -1) throw new IllegalArgumentException("cmer.queue.warmupSteps must be >= -1 (-1 = when full), not " + warmupSteps);
            if (!(weight >= 0) || !Double.isFinite(weight)) throw new IllegalArgumentException("cmer.queue.weight must be >= 0, not " + weight);
        }

        /** Whether the queue term counts at this step, given the queue's current fill. */
        public boolean active(long step, boolean queuesFull) {
            if (!enabled || size == 0 || weight == 0) return false;
            return warmupSteps < 0 ? queuesFull : step >= warmupSteps;
        }
    }

    /**
     * @param lr          peak learning rate (after warm-up)
     * @param weightDecay decoupled AdamW weight decay, applied to matrices only (not gains, biases, gates, scale)
     * @param beta1       Adam β1
     * @param beta2       Adam β2
     * @param eps         Adam ε
     * @param clipNorm    global gradient-norm clip; 0 = off
     */
    public record Optim(double lr, double weightDecay, double beta1, double beta2, double eps, double clipNorm) {
        public static final Optim DEFAULTS = new Optim(5e-4, 0.05, 0.9, 0.98, 1e-6, 1.0);

        public Optim {
            if (!(lr > 0)) throw new IllegalArgumentException("optim.lr must be > 0, not " + lr);
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("optim.weightDecay must be >= 0, not " + weightDecay);
            if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("optim.beta1 must be in [0, 1), not " + beta1);
            if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("optim.beta2 must be in [0, 1), not " + beta2);
            if (!(eps > 0)) throw new IllegalArgumentException("optim.eps must be > 0, not " + eps);
            if (!(clipNorm >= 0)) throw new IllegalArgumentException("optim.clipNorm must be >= 0 (0 = off), not " + clipNorm);
        }
    }

    /**
     * @param warmupSteps linear warm-up steps from ~0 to optim.lr
     * @param minLrRatio  cosine decays to optim.lr × this floor at the last step
     */
    public record Schedule(long warmupSteps, double minLrRatio) {
        public static final Schedule DEFAULTS = new Schedule(100, 0.0);

        public Schedule {
            if (warmupSteps < 0) throw new IllegalArgumentException("schedule.warmupSteps must be >= 0, not " + warmupSteps);
            if (!(minLrRatio >= 0 && minLrRatio <= 1)) throw new IllegalArgumentException("schedule.minLrRatio must be in [0, 1], not " + minLrRatio);
        }
    }

    /**
     * @param path       dataset folder or file (any format cmer.data reads)
     * @param train      name of the training split
     * @param val        name of the validation split (evaluated every evalEvery epochs; picks the best checkpoint)
     * @param test       name of the test split (final evaluation)
     * @param imageSize  input side in pixels; 0 = the backbone's own
     */
    public record Data(Path path, String train, String val, String test, int imageSize) {
        public static final Data DEFAULTS = new Data(Path.of("sample-data"), "train", "val", "test", 0);

        public Data {
            if (path == null) path = DEFAULTS.path();
            if (train == null || train.isBlank()) train = "train";
            if (val == null || val.isBlank()) val = "val";
            if (test == null || test.isBlank()) test = "test";
            if (imageSize < 0) throw new IllegalArgumentException("data.imageSize must be >= 0 (0 = the model's), not " + imageSize);
        }
    }

    /** @param backbone "sample" = the shipped sample model in sample-data/models, else a model folder */
    public record Model(String backbone) {
        public static final Model DEFAULTS = new Model("sample");

        public Model {
            if (backbone == null || backbone.isBlank()) backbone = "sample";
        }
    }

    private static void positive(String name, long v) {
        if (v <= 0) throw new IllegalArgumentException(name + " must be > 0, not " + v);
    }
}
