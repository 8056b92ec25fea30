package cmer.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {
    @TempDir Path dir;

    @Test
    void defaultsFollowTheMethodDocument() {
        TrainConfig d = Configs.load(TrainConfig.class, TrainConfig.DEFAULTS, null, List.of());
        assertEquals(TrainConfig.DEFAULTS, d);
        assertEquals(TrainConfig.Method.CMER, d.method());
        assertEquals(8, d.cmer().side().reduction());
        assertTrue(d.cmer().side().focusLayer());
        assertEquals(TrainConfig.TextAdapter.SIDE, d.cmer().side().textAdapter());
        assertEquals(0.5, d.cmer().scene().p());
        assertEquals("{scene} scene: {caption}", d.cmer().scene().template());
        assertEquals(4096, d.cmer().queue().size());
        assertEquals(1.0, d.cmer().queue().weight());
        assertEquals(-1, d.cmer().queue().warmupSteps());
        assertArrayEquals(new int[] {3, 6, 9, 12}, d.cmer().side().tapLayers(12));   // every 3rd, last included
        assertArrayEquals(new int[] {3, 4}, d.cmer().side().tapLayers(4));
    }

    @Test
    void yamlThenOverridesWithTheUsersWords() throws Exception {
        Path yaml = Files.writeString(dir.resolve("t.yaml"), String.join("\n",
                "method: full-ft",
                "cmer:",
                "  side: {textAdapter: linear, taps: [2, 5]}",
                "  queue: {size: 1024, warmupSteps: 50}",
                "optim: {lr: 1.0e-4}",
                "batchSize: 16", ""));
        TrainConfig c = Configs.load(TrainConfig.class, TrainConfig.DEFAULTS, yaml,
                List.of("method=zero-shot", "cmer.side.focusLayer=false", "cmer.scene.augment=false", "data.path=/data/rsitmd"));
        assertEquals(TrainConfig.Method.ZERO_SHOT, c.method());
        assertEquals(TrainConfig.TextAdapter.LINEAR, c.cmer().side().textAdapter());
        assertArrayEquals(new int[] {2, 5, 6}, c.cmer().side().tapLayers(6));
        assertFalse(c.cmer().side().focusLayer());
        assertFalse(c.cmer().scene().augment());
        assertEquals(1024, c.cmer().queue().size());
        assertEquals(1e-4, c.optim().lr());
        assertEquals(0.98, c.optim().beta2(), "unset keys keep their defaults");
        assertEquals(16, c.batchSize());
        assertEquals(Path.of("/data/rsitmd"), c.data().path());
        Path json = dir.resolve("config.json");
        Configs.writeJson(json, c);
        assertTrue(Files.readString(json).contains("\"method\" : \"zero-shot\""));
        assertEquals(c, Configs.load(TrainConfig.class, TrainConfig.DEFAULTS, json, List.of()));
    }

    @Test
    void badValuesNameTheSetting() {
        for (String[] bad : new String[][] {
                {"cmer.scene.p=1.5", "cmer.scene.p"}, {"batchSize=0", "batchSize"}, {"method=lora", "lora"},
                {"cmer.scene.template=no caption here", "{caption}"}, {"optim.beta2=1", "optim.beta2"},
                {"cmer.queue.warmupSteps=-2", "warmupSteps"}, {"device=tpu", "device"}}) {
            CmerException e = assertThrows(CmerException.class, () -> Configs.load(TrainConfig.class, TrainConfig.DEFAULTS, null, List.of(bad[0])));
            assertTrue(e.getMessage().contains(bad[1]), bad[0] + " → " + e.getMessage());
        }
        TrainConfig.Side explicit = new TrainConfig.Side(3, List.of(2, 9), 8, 2, true, true, 1, TrainConfig.TextAdapter.SIDE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> explicit.tapLayers(6));
        assertEquals("cmer.side.taps: layer 9 but the backbone has 6", e.getMessage());
    }

    @Test
    void queueStartsWhenFullOrAfterWarmup() {
        TrainConfig.Queue whenFull = new TrainConfig.Queue(true, 16, -1, 1);
        assertFalse(whenFull.active(1000, false));
        assertTrue(whenFull.active(3, true));
        TrainConfig.Queue afterN = new TrainConfig.Queue(true, 16, 10, 1);
        assertFalse(afterN.active(9, true));
        assertTrue(afterN.active(10, false));
        assertFalse(new TrainConfig.Queue(false, 16, -1, 1).active(10, true));
        assertFalse(new TrainConfig.Queue(true, 0, -1, 1).active(10, true));
    }
}
