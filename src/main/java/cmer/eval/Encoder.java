package cmer.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import cmer.core.CmerException;
import cmer.nn.Nn;
import cmer.nn.ClipModel;
import cmer.nn.TowerTaps;
import cmer.text.ClipTokenizer;
import cmer.text.TokenBatch;
import cmer.train.Tuning;
import java.nio.file.Path;
import java.util.List;

/**
 * A retrieval model ready for inference: the frozen CLIP backbone and, for a CMER run, its trained side
 * networks (Focus-Adapter, text adapter), or its fine-tuned / adapter weights: the trainer's {@link Tuning} of the
 * run's method, so search embeds exactly as training and evaluation did. Embeddings are L2-normalised.
 * Not thread-safe and bound to the thread that uses it (grad mode is thread-local, STACK.md): callers run all
 * calls on one thread ({@code cmer.search.Embedder} owns such a thread). Built by {@link ModelLoader}.
 */
public final class Encoder implements AutoCloseable {
    /** Which patch map {@link #maps} computed as {@code saliency}. */
    public enum SaliencySource { FOCUS_LAYER, CLS_ATTENTION }

    /**
     * Patch maps of one image, each {@code float[grid * grid]} row-major (row 0 = top), summing to 1.
     *
     * @param saliency the model's own query-independent map: the focus layer's saliency a, or (no focus layer)
     *                 the last layer's CLS→patch attention averaged over heads
     * @param query    query-conditioned map: softmax over patches of scale·cos(proj(ln_post(patch token)), text)
     */
    public record Maps(int grid, float[] saliency, SaliencySource source, float[] query) { }

    private final NDManager root;
    private final Tuning tuning;
    private final ClipModel clip;
    private final boolean focusLayer;                  // cmer run with the focus layer: vision() also returns the saliency
    private final ClipTokenizer tokenizer;
    private final String identity, description;

    Encoder(NDManager root, Tuning tuning, boolean focusLayer, ClipTokenizer tokenizer, String identity, String description) {
        this.root = root;
        this.tuning = tuning;
        this.clip = tuning.clip();
        this.focusLayer = focusLayer;
        this.tokenizer = tokenizer;
        this.identity = identity;
        this.description = description;
    }

    /** Loads a model folder or a run folder (null: the shipped sample model). Call on the thread that will use it. */
    public static Encoder open(Path modelOrRun) { return ModelLoader.load(modelOrRun, "auto"); }

    /** The same on a device: auto | cpu | gpu | gpuN ({@code cmer.nn.Devices}). */
    public static Encoder open(Path modelOrRun, String device) { return ModelLoader.load(modelOrRun, device); }

    /** A randomly initialised frozen backbone of configuration {@code cfg} (benchmarks only). */
    public static Encoder random(cmer.nn.ClipConfig cfg, Path tokenizerJson, String name) { return ModelLoader.random(cfg, tokenizerJson, name); }

    /** A content hash of the weights (backbone + checkpoint): embeddings of two encoders are comparable iff equal. */
    public String identity() { return identity; }

    public String description() { return description; }

    public int dim() { return clip.config().embedDim(); }

    public int imageSize() { return clip.config().vision().imageSize(); }

    public int grid() { return clip.config().vision().grid(); }

    /** True when the model has a focus layer (a CMER run), whose saliency {@link #maps} returns. */
    public boolean hasFocusLayer() { return focusLayer; }

    /** exp(logit_scale), clamped at 100 as in CLIP: the temperature of every softmax over similarities. */
    public float scale() { return (float) Math.min(100, Math.exp(clip.logitScale())); }

    /** Image embeddings (B, E) of model inputs, each {@code float[3 * S * S]} as {@code cmer.data.ModelInput.of} makes them. */
    public float[][] images(List<float[]> inputs) {
        if (inputs.isEmpty()) return new float[0][];
        JniUtils.setGradMode(false);
        try (NDManager step = root.newSubManager()) {
            NDArray x = batch(step, inputs);                                               // (B, 3, S, S)
            return rows(tuning.vision(tuning.visionFrozen(x), false).head());              // (B, E), unit rows
        }
    }

    /** Text embeddings (B, E). */
    public float[][] texts(List<String> texts) {
        if (texts.isEmpty()) return new float[0][];
        JniUtils.setGradMode(false);
        TokenBatch tb = tokenizer.encode(texts);
        try (NDManager step = root.newSubManager()) {
            NDArray ids = Nn.owned(step.create(tb.ids()));                                           // (B, T) int64
            long[] eot = new long[tb.batchSize()];
            for (int i = 0; i < eot.length; i++) eot[i] = tb.eotPositions()[i];
            return rows(tuning.text(tuning.textFrozen(ids, Nn.owned(step.create(eot))), false));     // (B, E), unit rows
        }
    }

    /**
     * Patch maps of one image for one query embedding ({@code float[E]}, unit length). The CLS attention and the
     * query map read the frozen backbone (for an adapter run: without its adapters).
     */
    public Maps maps(float[] input, float[] query) {
        JniUtils.setGradMode(false);
        int layers = clip.visual().layers(), g = grid();
        try (NDManager step = root.newSubManager()) {
            ParameterStore ps = tuning.store();
            NDArray x = batch(step, List.of(input));                                       // (1, 3, S, S)
            TowerTaps t = clip.visual().forwardIntermediates(ps, x, new int[] {layers - 1}, layers - 1);
            NDArray sal;
            SaliencySource src;
            if (focusLayer) {
                sal = tuning.vision(tuning.visionFrozen(x), false).get(1);                 // (1, N) focus saliency a
                src = SaliencySource.FOCUS_LAYER;
            } else {
                NDArray att = t.attention().orElseThrow();                                 // (1, H, T, T)
                sal = att.get(":, :, 0, 1:").mean(new int[] {1});                          // (1, N) CLS row, mean over heads
                sal = sal.div(sal.sum(new int[] {1}, true));                               // renormalise: the CLS→CLS share is dropped
                src = SaliencySource.CLS_ATTENTION;
            }
            NDArray last = t.hidden().get(0);                                              // (1, T, D)
            NDArray patches = unit(clip.visual().head(ps, last.get(":, 1:, :"), false), 2); // (1, N, E)
            NDArray q = step.create(query, new Shape(query.length, 1));                     // (E, 1)
            NDArray qm = patches.matMul(q).squeeze(2).mul(scale()).softmax(1);            // (1, N)
            return new Maps(g, sal.toType(DataType.FLOAT32, false).toFloatArray(), src, qm.toFloatArray());
        }
    }

    private NDArray batch(NDManager m, List<float[]> inputs) {
        int s = imageSize(), n = 3 * s * s;
        float[] flat = new float[inputs.size() * n];
        for (int i = 0; i < inputs.size(); i++) {
            float[] in = inputs.get(i);
            if (in.length != n) throw new CmerException("image input of " + in.length + " values: this model expects 3x" + s + "x" + s + " = " + n);
            System.arraycopy(in, 0, flat, i * n, n);
        }
        return Nn.owned(m.create(flat, new Shape(inputs.size(), 3, s, s)));   // engine-owned (Nn.owned)
    }

    /** x / |x| along {@code axis}. */
    private static NDArray unit(NDArray x, int axis) { return x.div(x.norm(new int[] {axis}, true).maximum(1e-12f)); }

    private static float[][] rows(NDArray e) {
        int b = (int) e.getShape().get(0), d = (int) e.getShape().get(1);
        float[] flat = e.toType(DataType.FLOAT32, false).toFloatArray();
        float[][] out = new float[b][d];
        for (int i = 0; i < b; i++) System.arraycopy(flat, i * d, out[i], 0, d);
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
        root.close();
    }
}
