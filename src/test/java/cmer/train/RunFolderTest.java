package cmer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.CmerException;
import cmer.core.Configs;
import cmer.core.MetricEvent;
import cmer.core.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    @TempDir Path tmp;

    static Checkpoint checkpoint(long step, double bestMr) {
        Map<String, Checkpoint.F32> params = new LinkedHashMap<>();
        params.put("visual_side.up.weight", new Checkpoint.F32(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, (float) step}));
        params.put("logit_scale", new Checkpoint.F32(new long[] {1}, new float[] {2.659f}));
        Map<String, Checkpoint.F32> m = Map.of("logit_scale", new Checkpoint.F32(new long[] {1}, new float[] {0.1f}));
        Map<String, Checkpoint.F32> v = Map.of("logit_scale", new Checkpoint.F32(new long[] {1}, new float[] {0.01f}));
        NegativeQueue qi = new NegativeQueue(4, 2), qt = new NegativeQueue(3, 2);
        qi.enqueue(new float[] {1, 0, 0, 1, 3, 4}, new long[] {5, 6, 7});
        qt.enqueue(new float[] {1, 1, 2, 0, 0, 2, 5, 5}, new long[] {1, 2, 3, 4});
        TrainConfig cfg = Configs.load(TrainConfig.class, TrainConfig.DEFAULTS, null, List.of("method=full-ft", "seed=7"));
        return new Checkpoint(cfg, step, 2, bestMr, params, new AdamW.State(step, m, v), qi.state(), qt.state());
    }

    @Test
    void checkpointRoundTripsEverythingResumeNeeds() throws Exception {
        Checkpoint c = checkpoint(123, 41.5);
        Path f = tmp.resolve("c.safetensors");
        c.write(f);
        Checkpoint r = Checkpoint.read(f);
        assertEquals(c.config(), r.config());
        assertEquals(TrainConfig.Method.FULL_FT, r.config().method());
        assertEquals(123, r.step());
        assertEquals(2, r.epoch());
        assertEquals(41.5, r.bestMr());
        assertEquals(c.params().keySet(), r.params().keySet());
        assertArrayEquals(c.params().get("visual_side.up.weight").data(), r.params().get("visual_side.up.weight").data());
        assertArrayEquals(new long[] {2, 3}, r.params().get("visual_side.up.weight").shape());
        assertEquals(123, r.optimizer().step());
        assertArrayEquals(new float[] {0.01f}, r.optimizer().v().get("logit_scale").data());
        for (var pair : List.of(List.of(c.imageQueue(), r.imageQueue()), List.of(c.textQueue(), r.textQueue()))) {
            assertArrayEquals(pair.get(0).data(), pair.get(1).data());
            assertArrayEquals(pair.get(0).ids(), pair.get(1).ids());
            assertEquals(pair.get(0).writePos(), pair.get(1).writePos());
            assertEquals(pair.get(0).count(), pair.get(1).count());
        }
        // the file is standard safetensors: 8-byte little-endian header length, then a JSON header
        byte[] bytes = Files.readAllBytes(f);
        long n = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
        assertTrue(new String(bytes, 8, (int) n).contains("\"param/logit_scale\":{\"dtype\":\"F32\",\"shape\":[1]"));
    }

    @Test
    void interruptedCheckpointWriteLeavesThePreviousOneIntact() throws Exception {
        RunFolder run = RunFolder.create(tmp.resolve("run"), TrainConfig.DEFAULTS);
        run.saveCheckpoint(checkpoint(10, 30), 30);
        byte[] before = Files.readAllBytes(run.lastCheckpoint());
        Checkpoint broken = checkpoint(20, 30);
        broken.params().put("bad", new Checkpoint.F32(new long[] {1000}, new float[3]));   // fails after the header is written
        assertThrows(CmerException.class, () -> run.saveCheckpoint(broken, Double.NaN));
        assertArrayEquals(before, Files.readAllBytes(run.lastCheckpoint()));
        assertEquals(10, Checkpoint.read(run.lastCheckpoint()).step());
        try (Stream<Path> s = Files.list(run.dir().resolve(RunFolder.CHECKPOINTS))) {
            assertEquals(List.of(RunFolder.BEST, RunFolder.LAST), s.map(p -> p.getFileName().toString()).sorted().toList(), "no temp file left");
        }
        // a temp file left by a killed process is removed when the run is opened again
        Files.writeString(run.dir().resolve(RunFolder.CHECKPOINTS).resolve(".last.safetensors123.tmp"), "half");
        RunFolder.open(run.dir());
        assertFalse(Files.exists(run.dir().resolve(RunFolder.CHECKPOINTS).resolve(".last.safetensors123.tmp")));
    }

    @Test
    void truncatedCheckpointIsAClearError() throws Exception {
        Path f = tmp.resolve("c.safetensors");
        checkpoint(1, 1).write(f);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 5));
        CmerException e = assertThrows(CmerException.class, () -> Checkpoint.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void bestIsTheBestValidationMrNotTheLatest() {
        RunFolder run = RunFolder.create(tmp.resolve("run"), TrainConfig.DEFAULTS);
        assertTrue(run.saveCheckpoint(checkpoint(100, 30), 30));
        assertTrue(run.saveCheckpoint(checkpoint(200, 40), 40));
        assertFalse(run.saveCheckpoint(checkpoint(300, 40), 35));
        assertFalse(run.saveCheckpoint(checkpoint(350, 40), Double.NaN));
        assertEquals(200, Checkpoint.read(run.bestCheckpoint()).step());
        assertEquals(350, Checkpoint.read(run.lastCheckpoint()).step());
        RunFolder reopened = RunFolder.open(run.dir());
        assertEquals(40, reopened.bestMr());
        assertFalse(reopened.saveCheckpoint(checkpoint(400, 40), 39.9));
        assertEquals(200, Checkpoint.read(run.bestCheckpoint()).step());
    }

    @Test
    void createRefusesANonEmptyFolderAndOpenReadsTheConfig() throws Exception {
        TrainConfig cfg = Configs.load(TrainConfig.class, TrainConfig.DEFAULTS, null, List.of("cmer.queue.size=1024", "method=adapter"));
        RunFolder run = RunFolder.create(tmp.resolve("r"), cfg);
        assertEquals(cfg, RunFolder.open(run.dir()).config());
        CmerException e = assertThrows(CmerException.class, () -> RunFolder.create(tmp.resolve("r"), cfg));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        e = assertThrows(CmerException.class, () -> RunFolder.open(tmp));
        assertTrue(e.getMessage().contains("not a run folder"), e.getMessage());
    }

    @Test
    void metricsLinesEvalJsonAndRewind() throws Exception {
        RunFolder run = RunFolder.create(tmp.resolve("run"), TrainConfig.DEFAULTS);
        for (int s = 1; s <= 5; s++) run.append(MetricEvent.train(s, 0, "cpu", 1.5, 0, 1.5, 1e-4, 14.2857, 12.5, 22.1, 1L << 33, 1L << 34, 1000, 2000));
        run.append(MetricEvent.eval(5, 0, "val", 10, 20, 30, 40, 50, 60, 35));
        run.log("hello");
        List<String> lines = Files.readAllLines(run.metricsFile());
        assertEquals(6, lines.size());
        assertEquals("{\"type\":\"train\",\"step\":1,\"epoch\":0,\"device\":\"cpu\",\"l_batch\":1.5,\"l_queue\":0,\"total\":1.5,\"lr\":1.0E-4,"
                + "\"temperature\":14.2857,\"step_ms\":12.5,\"pairs_per_s\":22.1,\"mem_bytes\":8589934592,\"peak_bytes\":17179869184,"
                + "\"mem_above_idle_bytes\":1000,\"peak_above_idle_bytes\":2000}", lines.get(0));
        assertEquals("{\"type\":\"eval\",\"step\":5,\"epoch\":0,\"split\":\"val\",\"r1_i2t\":10,\"r5_i2t\":20,\"r10_i2t\":30,"
                + "\"r1_t2i\":40,\"r5_t2i\":50,\"r10_t2i\":60,\"mr\":35}", lines.get(5));
        run.writeEval(List.of(MetricEvent.eval(5, 0, "test", 1, 2, 3, 4, 5, 6, 3.5)), "best");
        var json = Configs.JSON.readTree(run.dir().resolve(RunFolder.EVAL).toFile());
        assertEquals(3.5, json.path("test").path("mr").asDouble());
        assertEquals("best", json.path("checkpoint").asText());
        assertTrue(Files.readString(run.dir().resolve(RunFolder.LOG)).contains(" hello\n"));
        run.rewindMetrics(3);
        assertEquals(3, Files.readAllLines(run.metricsFile()).size());
        // a half-written last line (writer killed mid-line) is cut when the run is reopened
        Files.writeString(run.metricsFile(), "{\"type\":\"tr", java.nio.file.StandardOpenOption.APPEND);
        RunFolder.open(run.dir()).append(MetricEvent.train(4, 0, "cpu", new double[11]));
        List<String> after = Files.readAllLines(run.metricsFile());
        assertEquals(4, after.size());
        assertTrue(after.get(3).startsWith("{\"type\":\"train\",\"step\":4"), after.get(3));
    }
}
