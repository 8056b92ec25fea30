package cmer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LossesTest {
    static final int B = 6, E = 8;

    /** Row-normalised random (n, E) matrix. */
    static float[] unitRows(Random r, int n) {
        float[] x = new float[n * E];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int e = 0; e < E; e++) { x[i * E + e] = (float) r.nextGaussian(); norm += x[i * E + e] * x[i * E + e]; }
            for (int e = 0; e < E; e++) x[i * E + e] /= (float) Math.sqrt(norm);
        }
        return x;
    }

    static double dot(float[] a, int i, float[] b, int j) {
        double s = 0;
        for (int e = 0; e < E; e++) s += (double) a[i * E + e] * b[j * E + e];
        return s;
    }

    /** −log softmax(logits)[target] over the entries not masked, in double. */
    static double ce(double[] logits, boolean[] keep, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < logits.length; k++) if (keep[k]) max = Math.max(max, logits[k]);
        double z = 0;
        for (int k = 0; k < logits.length; k++) if (keep[k]) z += Math.exp(logits[k] - max);
        return -(logits[target] - max - Math.log(z));
    }

    static double refBatch(float[] v, float[] t, long[] ids, double scale) {
        double i2t = 0, t2i = 0;
        for (int i = 0; i < B; i++) {
            double[] row = new double[B], col = new double[B];
            boolean[] keep = new boolean[B];
            for (int j = 0; j < B; j++) {
                row[j] = scale * dot(v, i, t, j);
                col[j] = scale * dot(v, j, t, i);
                keep[j] = j == i || ids[j] != ids[i];
            }
            i2t += ce(row, keep, i);
            t2i += ce(col, keep, i);
        }
        return (i2t / B + t2i / B) / 2;
    }

    static double refQueueOneWay(float[] anchor, float[] pos, long[] ids, float[] q, long[] qIds, double scale) {
        double sum = 0;
        int n = qIds.length;
        for (int i = 0; i < B; i++) {
            double[] logits = new double[1 + n];
            boolean[] keep = new boolean[1 + n];
            logits[0] = scale * dot(anchor, i, pos, i);
            keep[0] = true;
            for (int k = 0; k < n; k++) { logits[1 + k] = scale * dot(anchor, i, q, k); keep[1 + k] = qIds[k] != ids[i]; }
            sum += ce(logits, keep, 0);
        }
        return sum / B;
    }

    @Test
    void batchAndQueueLossesMatchADoublePrecisionReference() {
        Random r = new Random(7);
        float[] v = unitRows(r, B), t = unitRows(r, B), qv = unitRows(r, 10), qt = unitRows(r, 12);
        long[] ids = {1, 2, 2, 3, 4, 1};                         // two in-batch duplicates: (1,2) and (0,5)
        long[] qvIds = {1, 9, 9, 2, 7, 8, 3, 3, 5, 6}, qtIds = {2, 2, 4, 5, 6, 7, 8, 9, 1, 1, 10, 11};
        for (float logScale : new float[] {Losses.INIT_LOGIT_SCALE, (float) Math.log(150)}) {  // second one is clamped to 100
            double scale = Math.min(Math.exp(logScale), 100);
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray img = m.create(v, new Shape(B, E)), txt = m.create(t, new Shape(B, E));
                NDArray ls = m.create(new float[] {logScale});
                assertEquals(refBatch(v, t, ids, scale), Losses.batch(img, txt, ids, ls).getFloat(), 1e-5);
                double refQ = (refQueueOneWay(v, t, ids, qt, qtIds, scale) + refQueueOneWay(t, v, ids, qv, qvIds, scale)) / 2;
                float got = Losses.queue(img, txt, ids, ls, m.create(qv, new Shape(10, E)), qvIds, m.create(qt, new Shape(12, E)), qtIds).getFloat();
                assertEquals(refQ, got, 1e-5);
            }
        }
    }

    @Test
    void duplicatesOfTheSameImageAreNotNegatives() {
        // with every pair from the same image, no negatives remain: both losses are exactly 0, not NaN
        Random r = new Random(3);
        float[] v = unitRows(r, B), t = unitRows(r, B);
        long[] same = new long[B];
        java.util.Arrays.fill(same, 42);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray img = m.create(v, new Shape(B, E)), txt = m.create(t, new Shape(B, E));
            NDArray ls = m.create(new float[] {Losses.INIT_LOGIT_SCALE});
            assertEquals(0, Losses.batch(img, txt, same, ls).getFloat(), 1e-6);
            NegativeQueue q = new NegativeQueue(8, E);
            q.enqueue(unitRows(r, 8), new long[] {42, 42, 42, 42, 42, 42, 42, 42});
            float lq = Losses.queue(img, txt, same, ls, q.view(m), q.viewIds(), q.view(m), q.viewIds()).getFloat();
            assertEquals(0, lq, 1e-6);
            // and the mask matters: the same queue with other ids gives a positive loss
            long[] other = {1, 2, 3, 4, 5, 6, 7, 8};
            NegativeQueue q2 = new NegativeQueue(8, E);
            q2.enqueue(unitRows(new Random(3), 8), other);
            assertTrue(Losses.queue(img, txt, same, ls, q2.view(m), other, q2.view(m), other).getFloat() > 0.01);
            // an empty queue contributes 0
            NegativeQueue empty = new NegativeQueue(8, E);
            assertEquals(0, Losses.queue(img, txt, same, ls, empty.view(m), empty.viewIds(), empty.view(m), empty.viewIds()).getFloat());
        }
    }

    @Test
    void totalAddsTheWeightedQueueTermOnlyWhenActive() {
        Random r = new Random(11);
        long[] ids = {0, 1, 2, 3, 4, 5};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray img = m.create(unitRows(r, B), new Shape(B, E)), txt = m.create(unitRows(r, B), new Shape(B, E));
            NDArray ls = m.create(new float[] {Losses.INIT_LOGIT_SCALE});
            NegativeQueue qv = new NegativeQueue(16, E), qt = new NegativeQueue(16, E);
            qv.enqueue(unitRows(r, 16), new long[16]);
            qt.enqueue(unitRows(r, 16), new long[16]);
            Losses.Terms on = Losses.total(img, txt, ids, ls, qv, qt, 0.5, true);
            assertEquals(on.batch().getFloat() + 0.5 * on.queue().getFloat(), on.total().getFloat(), 1e-5);
            assertTrue(on.queue().getFloat() > 0);
            Losses.Terms off = Losses.total(img, txt, ids, ls, qv, qt, 0.5, false);
            assertEquals(0, off.queue().getFloat());
            assertEquals(off.batch().getFloat(), off.total().getFloat());
        }
    }

    @Test
    void gradientsReachEmbeddingsAndTheLogitScale() {
        Random r = new Random(5);
        long[] ids = {0, 1, 1, 2, 3, 4};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray img = m.create(unitRows(r, B), new Shape(B, E)), txt = m.create(unitRows(r, B), new Shape(B, E));
            NDArray ls = m.create(new float[] {Losses.INIT_LOGIT_SCALE});
            img.setRequiresGradient(true);
            txt.setRequiresGradient(true);
            ls.setRequiresGradient(true);
            NegativeQueue qv = new NegativeQueue(16, E), qt = new NegativeQueue(16, E);
            qv.enqueue(unitRows(r, 16), new long[16]);
            qt.enqueue(unitRows(r, 16), new long[16]);
            try (NDManager step = m.newSubManager()) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray a = step.zeros(img.getShape()).add(img), b = step.zeros(txt.getShape()).add(txt); // recorded: inside the collector
                    gc.backward(Losses.total(a, b, ids, ls, qv, qt, 1.0, true).total());
                }
                assertTrue(img.getGradient().abs().sum().getFloat() > 0, "image embeddings get a gradient");
                assertTrue(txt.getGradient().abs().sum().getFloat() > 0, "text embeddings get a gradient");
                assertTrue(Math.abs(ls.getGradient().getFloat()) > 0, "logit scale gets a gradient");
                // clamped scale: no gradient through the clamp
                ls.getGradient().subi(ls.getGradient());
                NDArray big = m.create(new float[] {(float) Math.log(150)});
                big.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray a = step.zeros(img.getShape()).add(img), b = step.zeros(txt.getShape()).add(txt);
                    gc.backward(Losses.batch(a, b, ids, big));
                }
                assertEquals(0, big.getGradient().getFloat(), "exp(logit_scale) is clamped at 100");
            }
        }
    }
}
