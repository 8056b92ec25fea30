package cmer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import cmer.core.CmerException;
import cmer.core.MetricEvent;
import cmer.core.TrainConfig;
import cmer.eval.RetrievalMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    @TempDir Path tmp;

    /** Runs a config to the end and returns the total loss of every step. */
    private static List<Double> losses(Trainer t) {
        List<Double> l = new ArrayList<>();
        t.listener(e -> { if (e.type() == MetricEvent.Type.TRAIN) l.add(e.value("total")); });
        t.run();
        return l;
    }

    @Test
    void sameSeedAndConfigGiveTheSameLosses() {
        TrainConfig cfg = TinyRun.config();
        List<Double> a, b;
        try (Trainer t = Trainer.start(cfg, tmp.resolve("a"))) { a = losses(t); }
        try (Trainer t = Trainer.start(cfg, tmp.resolve("b"))) { b = losses(t); }
        assertEquals(6, a.size());
        assertEquals(a, b);
        try (Trainer t = Trainer.start(TinyRun.config("seed=5"), tmp.resolve("c"))) { assertNotEquals(a, losses(t)); }
    }

    @Test
    void resumeContinuesExactly() {
        TrainConfig cfg = TinyRun.config("epochs=4", "evalEvery=1");           // 12 steps, checkpoint every 3
        List<Double> straight;
        try (Trainer t = Trainer.start(cfg, tmp.resolve("straight"))) { straight = losses(t); }
        List<Double> parts = new ArrayList<>();
        try (Trainer t = Trainer.start(cfg, tmp.resolve("parts"))) {
            t.listener(e -> {
                if (e.type() != MetricEvent.Type.TRAIN) return;
                parts.add(e.value("total"));
                if (e.step() == 5) t.requestStop();                           // stops after step 5; last eval checkpoint is at 3
            });
            Trainer.Result r = t.run();
            assertTrue(r.interrupted());
        }
        try (Trainer t = Trainer.resume(tmp.resolve("parts"))) {
            assertEquals(5, t.step());                                         // the stop saved a checkpoint at step 5
            parts.addAll(losses(t));
        }
        assertEquals(straight, parts);
        assertTrue(Files.isRegularFile(tmp.resolve("parts/eval.json")));
    }

    @Test
    void nonFiniteLossStopsAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path dir = tmp.resolve("nan");
        try (Trainer t = Trainer.start(TinyRun.config("epochs=3"), dir)) {
            t.poison = s -> s == 4;
            CmerException e = assertThrows(CmerException.class, t::run);
            assertTrue(e.getMessage().contains("loss is not finite at step 4"), e.getMessage());
        }
        Checkpoint last = Checkpoint.read(dir.resolve("checkpoints/last.safetensors"));
        assertEquals(3, last.step());                                          // written by the epoch-1 evaluation, untouched since
        for (Checkpoint.F32 p : last.params().values()) for (float v : p.data()) assertTrue(Float.isFinite(v));
        assertTrue(Files.readString(dir.resolve("train.log")).contains("loss is not finite"));
    }

    @Test
    void cmerAtStepZeroEqualsTheFrozenBackbone() {
        try (Trainer cmer = Trainer.start(TinyRun.config(), tmp.resolve("cmer"));
             Trainer zero = Trainer.start(TinyRun.config("method=zero-shot"), tmp.resolve("zero"));
             NDManager m = NDManager.newBaseManager()) {
            Evaluator.SplitSet s = Evaluator.of(cmer.data(), "test");
            NDArray[] a = Evaluator.embed(cmer.tuning(), cmer.data(), s, m), b = Evaluator.embed(zero.tuning(), zero.data(), s, m);
            assertArrayEquals(b[0].toFloatArray(), a[0].toFloatArray(), 1e-5f);
            assertArrayEquals(b[1].toFloatArray(), a[1].toFloatArray(), 1e-5f);
        }
    }

    @Test
    void cmerLeavesTheBackboneUnchangedAndFullFtChangesIt() {
        for (String method : List.of("cmer", "full-ft", "adapter")) {
            try (Trainer t = Trainer.start(TinyRun.config("method=" + method, "epochs=1"), tmp.resolve(method))) {
                Map<String, float[]> before = backbone(t);
                Map<String, float[]> side = snapshot(t.tuning().trainable());
                t.run();
                Map<String, float[]> after = backbone(t);
                int changed = 0;
                for (String k : before.keySet()) if (!java.util.Arrays.equals(before.get(k), after.get(k))) changed++;
                if (method.equals("full-ft")) assertEquals(before.size(), changed, "full-ft trains every backbone tensor");
                else assertEquals(0, changed, method + " must not change the frozen backbone");
                Map<String, float[]> sideAfter = snapshot(t.tuning().trainable());
                assertTrue(side.keySet().stream().anyMatch(k -> !java.util.Arrays.equals(side.get(k), sideAfter.get(k))), method + " trains something");
            }
        }
    }

    private static Map<String, float[]> backbone(Trainer t) {
        Map<String, float[]> m = snapshot(cmer.nn.ParameterPaths.of(t.tuning().clip()));
        m.remove("logit_scale");                                               // the temperature trains in every method
        return m;
    }

    private static Map<String, float[]> snapshot(Map<String, ai.djl.nn.Parameter> ps) {
        Map<String, float[]> m = new HashMap<>();
        ps.forEach((k, p) -> m.put(k, p.getArray().toFloatArray()));
        return m;
    }

    @Test
    void queueTermStartsWhenTheQueueIsFull() {
        List<Double> q = new ArrayList<>();
        try (Trainer t = Trainer.start(TinyRun.config("epochs=3", "cmer.queue.size=16"), tmp.resolve("q"))) {
            t.listener(e -> { if (e.type() == MetricEvent.Type.TRAIN) q.add(e.value("l_queue")); });
            t.run();
        }
        assertEquals(0.0, q.get(0));                                          // steps 1, 2 fill the 16-entry queue (8 per step)
        assertEquals(0.0, q.get(1));
        for (int i = 2; i < q.size(); i++) assertTrue(q.get(i) > 0, "L_queue at step " + (i + 1) + " = " + q.get(i));
        List<Double> off = new ArrayList<>();
        try (Trainer t = Trainer.start(TinyRun.config("epochs=3", "cmer.queue.enabled=false"), tmp.resolve("off"))) {
            t.listener(e -> { if (e.type() == MetricEvent.Type.TRAIN) off.add(e.value("l_queue")); });
            t.run();
        }
        assertTrue(off.stream().allMatch(v -> v == 0.0));
    }

    @Test
    void evalNumbersEqualRetrievalMetricsOnTheSameEmbeddings() throws Exception {
        Path dir = tmp.resolve("zs");
        Trainer.Result r;
        RetrievalMetrics.Recalls direct;
        try (Trainer t = Trainer.start(TinyRun.config("method=zero-shot"), dir); NDManager m = NDManager.newBaseManager()) {
            r = t.run();
            Evaluator.SplitSet s = Evaluator.of(t.data(), "test");
            NDArray[] e = Evaluator.embed(t.tuning(), t.data(), s, m);
            float[] img = e[0].toFloatArray(), txt = e[1].toFloatArray();
            int ni = s.images().size(), nc = s.captions().size(), d = (int) e[0].getShape().get(1);
            float[] sim = new float[ni * nc];                                  // cosine by hand, independent of matMul
            for (int i = 0; i < ni; i++) for (int c = 0; c < nc; c++) {
                float v = 0;
                for (int k = 0; k < d; k++) v += img[i * d + k] * txt[c * d + k];
                sim[i * nc + c] = v;
            }
            direct = RetrievalMetrics.ofSimilarity(sim, ni, nc, s.capToImg());
            assertEquals(4, ni);
            assertEquals(20, nc);
        }
        assertArrayEquals(direct.asArray(), r.test().asArray(), 1e-9);
        var json = cmer.core.Configs.JSON.readTree(dir.resolve("eval.json").toFile());
        assertEquals(direct.mr(), json.path("test").path("mr").asDouble(), 1e-9);
        assertFalse(Files.exists(dir.resolve("checkpoints/last.safetensors")), "zero-shot trains nothing and writes no checkpoint");
    }
}
