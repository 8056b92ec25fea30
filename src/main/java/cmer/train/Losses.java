package cmer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import cmer.core.CmerException;
import cmer.nn.Nn;

/**
 * The CMER objective (CMER-METHOD.md, negative sample recycling): {@code L = L_batch + w·L_queue}.
 *
 * <p>{@code L_batch}: symmetric InfoNCE over the B×B in-batch similarities, scaled by CLIP's learnable
 * logit scale {@code min(exp(logitScale), 100)} (initial 1/0.07). {@code L_queue}: each pair's positive
 * against the other modality's queue. In both, a candidate with the same image id as the anchor (another
 * caption of the same image, or the same image drawn twice) is masked out of the denominator: it is a
 * correct match, and treating it as a negative would push true captions apart. The pair's own positive
 * (the diagonal) always stays, so every softmax row has at least one finite entry and never becomes NaN.
 *
 * <p>Inputs: img, txt (B, E) L2-normalised embeddings in the step scope (first operands, so results
 * stay in that scope); {@code logitScale} is a parameter and is lifted into the scope before use.
 */
public final class Losses {
    /** CLIP's initial logit scale, log(1/0.07). */
    public static final float INIT_LOGIT_SCALE = (float) Math.log(1 / 0.07);
    /** exp(logitScale) is clamped here, as in CLIP (gradient 0 above it). */
    public static final float MAX_SCALE = 100f;
    /** Added to masked logits: exp(-1e4 + 100) is exactly 0 in float, and no inf/NaN can arise. */
    static final float MASKED = -1e4f;

    private Losses() { }

    /** The three numbers of a step; {@code queue} is 0 when the queue term is inactive. */
    public record Terms(NDArray batch, NDArray queue, NDArray total) { }

    /**
     * L = L_batch + w·L_queue, with the queue term only when {@code queueActive} (see TrainConfig.Queue#active).
     * The queues are read, not written: enqueue after the optimiser step.
     */
    public static Terms total(NDArray img, NDArray txt, long[] imageIds, NDArray logitScale,
                              NegativeQueue imageQueue, NegativeQueue textQueue, double w, boolean queueActive) {
        NDArray lb = batch(img, txt, imageIds, logitScale);
        if (!queueActive || w == 0) return new Terms(lb, img.getManager().zeros(new Shape(), DataType.FLOAT32, img.getDevice()), lb);
        NDManager m = img.getManager();
        NDArray lq = queue(img, txt, imageIds, logitScale, imageQueue.view(m), imageQueue.viewIds(),
                textQueue.view(m), textQueue.viewIds());
        return new Terms(lb, lq, lb.add(lq.mul(constant(lq, w))));
    }

    /** Symmetric in-batch InfoNCE with same-image masking; a scalar. */
    public static NDArray batch(NDArray img, NDArray txt, long[] imageIds, NDArray logitScale) {
        check(img, txt, imageIds);
        int b = imageIds.length;
        NDManager m = img.getManager();
        NDArray logits = img.matMul(txt.transpose()).mul(scale(m, logitScale));   // (B, B): row = image, column = caption
        float[] mask = new float[b * b];
        for (int i = 0; i < b; i++) for (int j = 0; j < b; j++) if (i != j && imageIds[i] == imageIds[j]) mask[i * b + j] = MASKED;
        logits = logits.add(Nn.owned(m.create(mask, new Shape(b, b))).toDevice(img.getDevice(), false));
        NDArray eye = m.eye(b).toDevice(img.getDevice(), false);                    // (B, B) picks the diagonal
        NDArray i2t = logits.logSoftmax(1).mul(eye).sum(new int[] {1}).neg().mean(); // image → its caption among B
        NDArray t2i = logits.logSoftmax(0).mul(eye).sum(new int[] {0}).neg().mean(); // caption → its image among B
        return i2t.add(t2i).div(constant(i2t, 2));
    }

    /**
     * Each pair's positive against the other modality's queue, same-image entries masked; a scalar.
     * An empty queue (n = 0) contributes 0 for its direction.
     *
     * @param qImg (Nv, E) image queue, ids {@code qImgIds}; @param qTxt (Nt, E) text queue, ids {@code qTxtIds}
     */
    public static NDArray queue(NDArray img, NDArray txt, long[] imageIds, NDArray logitScale,
                                NDArray qImg, long[] qImgIds, NDArray qTxt, long[] qTxtIds) {
        check(img, txt, imageIds);
        NDArray s = scale(img.getManager(), logitScale);
        NDArray pos = img.mul(txt).sum(new int[] {1}, true).mul(s);                 // (B, 1) scaled positives
        NDArray v2t = oneWay(img, pos, imageIds, qTxt, qTxtIds, s);                // image anchors vs text queue
        NDArray t2v = oneWay(txt, pos, imageIds, qImg, qImgIds, s);                // caption anchors vs image queue
        return v2t.add(t2v).div(constant(v2t, 2));
    }

    private static NDArray oneWay(NDArray anchor, NDArray pos, long[] ids, NDArray queue, long[] queueIds, NDArray s) {
        NDManager m = anchor.getManager();
        int b = ids.length, n = queueIds.length;
        if (queue.getShape().get(0) != n) throw new CmerException("negative queue: " + queue.getShape() + " rows but " + n + " ids");
        if (n == 0) return m.zeros(new Shape(), DataType.FLOAT32, anchor.getDevice());
        float[] mask = new float[b * n];
        for (int i = 0; i < b; i++) for (int k = 0; k < n; k++) if (queueIds[k] == ids[i]) mask[i * n + k] = MASKED;
        NDArray neg = anchor.matMul(queue.toDevice(anchor.getDevice(), false).transpose()).mul(s)   // (B, N)
                .add(Nn.owned(m.create(mask, new Shape(b, n))).toDevice(anchor.getDevice(), false));
        NDArray logits = NDArrays.concat(new ai.djl.ndarray.NDList(pos, neg), 1);                   // (B, 1 + N): positive first
        return logits.logSoftmax(1).get(":, 0").neg().mean();
    }

    /**
     * A fresh learnable logit scale (log space, open_clip's key {@code logit_scale}), initialised to
     * log(1/0.07) unless given; put it into the trainable map beside the side network's parameters.
     */
    public static Parameter newLogitScale(NDManager m, float init) {
        Parameter p = Parameter.builder().setName("logit_scale").setType(Parameter.Type.OTHER).optShape(new Shape(1))
                .optInitializer(new ConstantInitializer(init)).build();
        p.initialize(m, DataType.FLOAT32);
        return p;
    }

    /** min(exp(logitScale), 100) as an array in {@code m}, still connected to the parameter for autograd. */
    static NDArray scale(NDManager m, NDArray logitScale) {
        NDArray lifted = m.zeros(logitScale.getShape(), logitScale.getDataType(), logitScale.getDevice()).add(logitScale);
        return lifted.exp().clip(0f, MAX_SCALE);
    }

    /**
     * A constant for mul/div inside the recorded graph, allocated by libtorch. {@code x.div(2f)} would wrap
     * 2 in a tensor over a direct ByteBuffer that DJL closes at once while autograd keeps its storage for
     * backward: a GC between forward and backward then corrupts the gradients (measured: NaN/Inf).
     */
    static NDArray constant(NDArray like, double v) {
        return like.getManager().full(new Shape(), (float) v, like.getDataType(), like.getDevice());
    }

    /** The scale as a number for logs: temperature = 1 / this. */
    public static double scaleValue(float logitScale) { return Math.min(Math.exp(logitScale), MAX_SCALE); }

    private static void check(NDArray img, NDArray txt, long[] ids) {
        Shape a = img.getShape(), b = txt.getShape();
        if (a.dimension() != 2 || !a.equals(b) || a.get(0) != ids.length) {
            throw new CmerException("contrastive loss: expected image and text embeddings (B, E) with B = " + ids.length
                    + " image ids, got " + a + " and " + b);
        }
    }
}
