package cmer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import cmer.nn.Nn;
import cmer.core.CmerException;
import cmer.core.FootprintReader;
import cmer.core.Seeds;
import cmer.core.TrainConfig;
import cmer.data.Augmentation;
import cmer.data.CaptionPair;
import cmer.data.Dataset;
import cmer.data.Datasets;
import cmer.data.ImageLoader;
import cmer.data.ImageRecord;
import cmer.data.ModelInput;
import cmer.data.Split;
import cmer.text.ClipTokenizer;
import cmer.text.ScenePrompts;
import cmer.text.TokenBatch;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The training pairs of a run and the batches made from them. Every batch is a pure function of
 * (seed, step): the epoch's order is a shuffle seeded by (seed, epoch), the crop of a pair by
 * (seed, epoch, pair), the scene-label coin by (seed, epoch, pair). So a resumed run sees exactly the
 * batches it would have seen, and nothing about the data stream needs to go into a checkpoint.
 *
 * <p>Decoded images are cached in memory (the sample set is 850 small images): on 2 cores the JPEG decoder
 * would otherwise compete with the model for the CPU every epoch.
 */
public final class TrainData {
    private final TrainConfig cfg;
    private final Dataset dataset;
    private final List<CaptionPair> train;
    private final Map<String, Long> imageIds = new HashMap<>();
    private final Map<String, BufferedImage> decoded = new HashMap<>();
    private final Map<String, TokenBatch> tokens = new HashMap<>();       // caption → its (1, T) ids: one JNI call per distinct text
    private final ClipTokenizer tokenizer;
    private final ScenePrompts scenes;
    private final boolean sceneAug;
    private final int size;

    /** One training batch in a step scope: images (B, 3, S, S), ids (B, T), eot (B), image ids for masking. */
    public record Batch(NDArray images, NDArray ids, NDArray eot, long[] imageIds, List<String> captions) { }

    public TrainData(TrainConfig cfg, ClipTokenizer tokenizer, int imageSize) {
        this.cfg = cfg;
        this.dataset = Datasets.open(cfg.data().path(), FootprintReader.NONE);
        this.tokenizer = tokenizer;
        this.scenes = new ScenePrompts(cfg.cmer().scene());
        this.sceneAug = cfg.method() == TrainConfig.Method.CMER && cfg.cmer().scene().augment();
        this.size = cfg.data().imageSize() > 0 ? cfg.data().imageSize() : imageSize;
        for (ImageRecord r : dataset.images()) imageIds.put(r.id(), (long) imageIds.size());
        this.train = usable(split(cfg.data().train()));
        if (train.size() < cfg.batchSize()) {
            throw new CmerException(cfg.data().path() + ": the " + cfg.data().train() + " split has " + train.size()
                    + " usable pairs, fewer than one batch of " + cfg.batchSize(), CmerException.BAD_INPUT, null);
        }
    }

    public Dataset dataset() { return dataset; }

    public int pairs() { return train.size(); }

    /** Whole batches per epoch (the last partial batch is dropped, so every step has B pairs). */
    public long stepsPerEpoch() { return train.size() / cfg.batchSize(); }

    public int imageSize() { return size; }

    public Split split(String name) {
        return Split.parse(name).orElseThrow(() -> new CmerException("data split '" + name + "': expected train, val or test", CmerException.USAGE, null));
    }

    /** Pairs of a split whose image decodes (blank captions and missing files are already skipped by the reader). */
    public List<CaptionPair> usable(Split split) {
        List<CaptionPair> out = new ArrayList<>();
        for (CaptionPair p : dataset.pairs(split)) if (image(p.image()).isPresent()) out.add(p);
        return out;
    }

    /** The batch of optimiser step {@code step} (0-based), built in {@code scope}. */
    public Batch batch(long step, NDManager scope) {
        long spe = stepsPerEpoch();
        int epoch = (int) (step / spe), b = cfg.batchSize(), s = size;
        int[] order = order(epoch);
        float[] pixels = new float[b * 3 * s * s];
        long[] ids = new long[b];
        List<String> captions = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            int k = order[(int) (step % spe) * b + i];
            CaptionPair p = train.get(k);
            SplittableRandom rnd = Seeds.random(cfg.seed(), Seeds.OTHER, epoch, k);
            System.arraycopy(Augmentation.DEFAULT.modelInput(image(p.image()).orElseThrow(), s, rnd), 0, pixels, i * 3 * s * s, 3 * s * s);
            ids[i] = imageIds.get(p.image().id());
            captions.add(sceneAug ? scenes.augment(p.caption(), p.image().scene(), cfg.seed(), epoch, k) : p.caption());
        }
        TokenBatch t = encode(captions);
        return new Batch(Nn.owned(scope.create(pixels, new Shape(b, 3, s, s))), tokens(scope, t), eot(scope, t), ids, captions);
    }

    /** A permutation of the training pairs for one epoch, seeded by (seed, epoch) (Fisher–Yates). */
    int[] order(int epoch) {
        int n = train.size();
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        SplittableRandom r = Seeds.random(cfg.seed(), Seeds.DATA_ORDER, epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1), t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        return o;
    }

    /** Centre-cropped model inputs of the given images, (n, 3, S, S) in {@code scope}. */
    public NDArray evalImages(List<ImageRecord> images, NDManager scope) {
        int s = size;
        float[] pixels = new float[images.size() * 3 * s * s];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(ModelInput.of(image(images.get(i)).orElseThrow(), s), 0, pixels, i * 3 * s * s, 3 * s * s);
        }
        return Nn.owned(scope.create(pixels, new Shape(images.size(), 3, s, s)));
    }

    /** Token ids (B, T) and eot positions (B) of plain captions, for evaluation. */
    public NDArray[] evalTexts(List<String> captions, NDManager scope) {
        TokenBatch t = encode(captions);
        return new NDArray[] {tokens(scope, t), eot(scope, t)};
    }

    public ClipTokenizer tokenizer() { return tokenizer; }

    /**
     * Token ids of the captions, each caption tokenised once per run and cached: the sample captions repeat every
     * epoch, and this keeps the tokenizer's native (JNI) calls out of the steady-state step.
     */
    synchronized TokenBatch encode(List<String> captions) {
        int b = captions.size();
        long[][] ids = new long[b][], mask = new long[b][];
        int[] eot = new int[b];
        for (int i = 0; i < b; i++) {
            TokenBatch one = tokens.computeIfAbsent(captions.get(i), c -> tokenizer.encode(List.of(c)));
            ids[i] = one.ids()[0];
            mask[i] = one.attentionMask()[0];
            eot[i] = one.eotPositions()[0];
        }
        return new TokenBatch(ids, mask, eot);
    }

    /** The decoded image, cached; empty (and counted in the dataset's warnings) when it cannot be decoded. */
    public synchronized Optional<BufferedImage> image(ImageRecord r) {
        BufferedImage im = decoded.computeIfAbsent(r.id(), id -> ImageLoader.tryLoad(r.path(), dataset.warnings()).orElse(null));
        return Optional.ofNullable(im);
    }

    private static NDArray tokens(NDManager scope, TokenBatch t) {
        long[] flat = new long[t.batchSize() * t.length()];
        for (int i = 0; i < t.batchSize(); i++) System.arraycopy(t.ids()[i], 0, flat, i * t.length(), t.length());
        return Nn.owned(scope.create(flat, new Shape(t.batchSize(), t.length())));
    }

    private static NDArray eot(NDManager scope, TokenBatch t) {
        long[] e = new long[t.batchSize()];
        for (int i = 0; i < e.length; i++) e[i] = t.eotPositions()[i];
        return Nn.owned(scope.create(e, new Shape(e.length)));
    }

}
