package cmer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import cmer.nn.ClipModel;
import cmer.nn.ParameterPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainerTest {
    @TempDir Path tmp;

    @Test
    void pretrainsFromScratchAndShipsWeightsTheLoaderReads() throws Exception {
        Path out = tmp.resolve("model");
        Files.createDirectories(out);
        Files.writeString(out.resolve(ModelFolder.WEIGHTS), "an older model that must not be the starting point");
        List<String> log = new ArrayList<>();
        Trainer.Result r = new Pretrainer(11, 24, 64, 1, 16, 600, 1e-3, "tiny").run(out, tmp.resolve("work"), log::add, e -> { });
        assertEquals(7, r.steps());                                       // 23 train images × 5 captions / 16 = 7 steps, 1 epoch
        assertTrue(log.stream().anyMatch(l -> l.contains("trainable of")), log.toString());
        Path run;
        try (var s = Files.list(tmp.resolve("work"))) { run = s.filter(p -> p.getFileName().toString().startsWith("run-")).findFirst().orElseThrow(); }
        Checkpoint best = Checkpoint.read(run.resolve("checkpoints/best.safetensors"));
        try (NDManager m = NDManager.newBaseManager()) {
            ClipModel loaded = new ModelFolder(out).load(m);             // through StateDicts + WeightLoader (open_clip names)
            var params = ParameterPaths.of(loaded);
            assertEquals(best.params().keySet(), params.keySet());
            for (var e : best.params().entrySet()) assertArrayEquals(e.getValue().data(), params.get(e.getKey()).getArray().toFloatArray(), 0f, e.getKey());
        }
    }
}
