package cmer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import cmer.core.Configs;
import cmer.core.Seeds;
import cmer.core.TrainConfig;
import cmer.nn.side.SideNetworks;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pieces composed as the trainer loop will compose them, with the frozen towers replaced by fixed
 * pseudo-random hidden states: side networks → L2 norm → L_batch + w·L_queue → AdamW → enqueue, then a
 * checkpoint through the run folder and an exact resume. D = 32, T = 17, B = 4, 3 taps, K = 8.
 */
class TrainStepIntegrationTest {
    static final int B = 4, T = 17, D = 32, TAPS = 3, CAPTIONS = 16;
    static final TrainConfig CFG = Configs.load(TrainConfig.class, TrainConfig.DEFAULTS, null,
            List.of("cmer.queue.size=8", "cmer.side.heads=2", "batchSize=4", "optim.lr=1e-2", "schedule.warmupSteps=2"));
    @TempDir Path tmp;

    /** One live run: side networks, logit scale, optimiser, queues. */
    static final class MiniRun implements AutoCloseable {
        final NDManager root = NDManager.newBaseManager();
        final Block vision = SideNetworks.vision(CFG.cmer().side(), D, TAPS), text = SideNetworks.text(CFG.cmer().side(), D, TAPS);
        final Map<String, Parameter> trainable = new LinkedHashMap<>();
        final AdamW opt;
        final LrSchedule schedule = LrSchedule.of(CFG, 6);
        NegativeQueue imageQueue = new NegativeQueue(CFG.cmer().queue().size(), D), textQueue = new NegativeQueue(CFG.cmer().queue().size(), D);

        boolean gcBeforeBackward;      // forces a GC between forward and backward (see GcSafetyTest)

        MiniRun(int initSeed) {
            Engine.getInstance().setRandomSeed(initSeed);
            Shape[] taps = new Shape[TAPS], textIn = new Shape[TAPS + 1];
            Arrays.fill(taps, new Shape(B, T, D));
            Arrays.fill(textIn, new Shape(B, T, D));
            textIn[0] = new Shape(B);
            vision.initialize(root, DataType.FLOAT32, taps);
            text.initialize(root, DataType.FLOAT32, textIn);
            trainable.putAll(SideNetworks.namedParameters(vision, "visual_side"));
            trainable.putAll(SideNetworks.namedParameters(text, "text_side"));
            trainable.put("logit_scale", Losses.newLogitScale(root, Losses.INIT_LOGIT_SCALE));
            opt = new AdamW(trainable, CFG.optim());
        }

        /** One optimiser step; returns {L_batch, L_queue, L}. */
        float[] step(long step) {
            try (NDManager scope = root.newSubManager()) {
                SplittableRandom r = Seeds.random(CFG.seed(), Seeds.DATA_ORDER, step);
                long[] caps = new long[B], imgs = new long[B];
                for (int i = 0; i < B; i++) { caps[i] = r.nextInt(CAPTIONS); imgs[i] = caps[i] / 2; }   // 2 captions per image
                NDList vTaps = frozen(scope, imgs, 0), tTaps = frozen(scope, caps, 1);
                long[] eot = new long[B];
                for (int i = 0; i < B; i++) eot[i] = 3 + caps[i] % 10;
                tTaps.add(0, scope.create(eot));
                ParameterStore ps = new ParameterStore(scope, false);
                float[] out;
                NDArray v, t;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    v = l2(vision.forward(ps, vTaps, true).get(0));          // (B, D); frozen ln_post + proj would go here
                    t = l2(text.forward(ps, tTaps, true).get(0));            // (B, D)
                    boolean active = CFG.cmer().queue().active(step, imageQueue.isFull() && textQueue.isFull());
                    Losses.Terms l = Losses.total(v, t, imgs, trainable.get("logit_scale").getArray(), imageQueue, textQueue,
                            CFG.cmer().queue().weight(), active);
                    if (gcBeforeBackward) { System.gc(); System.runFinalization(); System.gc(); }
                    gc.backward(l.total());
                    out = new float[] {l.batch().getFloat(), l.queue().getFloat(), l.total().getFloat()};
                }
                opt.step(schedule.lr(step));
                imageQueue.enqueue(v, imgs);                                   // after the optimiser step
                textQueue.enqueue(t, imgs);
                return out;
            }
        }

        static NDArray l2(NDArray x) { return x.div(x.square().sum(new int[] {1}, true).sqrt()); }

        /** Stand-in for a frozen tower: hidden states fixed by (id, tower, tap), no autograd. */
        static NDList frozen(NDManager m, long[] ids, int tower) {
            NDList taps = new NDList();
            for (int l = 0; l < TAPS; l++) {
                float[] x = new float[B * T * D];
                for (int i = 0; i < B; i++) {
                    SplittableRandom r = Seeds.random(99, tower, ids[i], l);
                    for (int k = 0; k < T * D; k++) x[i * T * D + k] = (float) r.nextGaussian();
                }
                taps.add(m.create(x, new Shape(B, T, D)));
            }
            return taps;
        }

        @Override public void close() { opt.close(); root.close(); }
    }

    @Test
    void sameSeedSameLossesAndResumeContinuesExactly() {
        float[][] straight = new float[6][];
        try (MiniRun a = new MiniRun(1)) {
            for (int s = 0; s < 6; s++) straight[s] = a.step(s);
        }
        assertEquals(0, straight[0][1], "queue term off until the queues are full");
        assertTrue(straight[2][1] > 0, "queue term on once K = 8 entries are in (after 2 steps of B = 4)");
        try (MiniRun again = new MiniRun(1)) {
            again.gcBeforeBackward = true;                                    // and whenever the JVM collects garbage
            for (int s = 0; s < 6; s++) assertArrayEquals(straight[s], again.step(s), 0f, "same seed + config, same losses at step " + s);
        }

        RunFolder run = RunFolder.create(tmp.resolve("run"), CFG);
        try (MiniRun first = new MiniRun(1)) {
            for (int s = 0; s < 3; s++) first.step(s);
            run.saveCheckpoint(Checkpoint.capture(CFG, 3, 0, Double.NEGATIVE_INFINITY, first.trainable, first.opt, first.imageQueue, first.textQueue), Double.NaN);
        }
        Checkpoint c = Checkpoint.read(RunFolder.open(run.dir()).lastCheckpoint());
        try (MiniRun resumed = new MiniRun(777)) {                          // different init: everything must come from the checkpoint
            c.restoreParameters(resumed.trainable);
            resumed.opt.restore(c.optimizer());
            resumed.imageQueue = NegativeQueue.restore(c.imageQueue());
            resumed.textQueue = NegativeQueue.restore(c.textQueue());
            for (long s = c.step(); s < 6; s++) assertArrayEquals(straight[(int) s], resumed.step(s), 1e-6f, "resumed step " + s);
        }
    }
}
