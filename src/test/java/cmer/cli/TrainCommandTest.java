package cmer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.Configs;
import cmer.train.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train → eval → resume round trip through the command line, on the tiny generated dataset and model. */
class TrainCommandTest {
    @TempDir Path tmp;

    @Test
    void trainEvalResumeRoundTrip() throws Exception {
        Path run = tmp.resolve("run");
        String[] common = {"--set", "data.path=" + TinyRun.data(), "--set", "batchSize=8", "--set", "device=cpu", "--set", "cmer.side.tapEvery=2",
            "--set", "cmer.queue.size=16", "--set", "logEvery=1"};
        String[] args = concat(new String[] {"train", "--run-dir", run.toString(), "--set", "epochs=1"}, common);
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("parameters:") && r.out().contains("trainable of"), r.out());
        assertTrue(r.out().contains("8 pairs per step"), r.out());
        assertTrue(r.out().contains("test (best checkpoint)"), r.out());
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/best.safetensors")));

        r = CliTest.run("eval", "--run", run.toString(), "--split", "test", "--json");
        assertEquals(0, r.code(), r.err());
        var json = Configs.JSON.readTree(r.out());
        var evalJson = Configs.JSON.readTree(run.resolve("eval.json").toFile());
        assertEquals(evalJson.path("test").path("mr").asDouble(), json.path("mr").asDouble(), 1e-9, "cmer eval = the run's own final test evaluation");
        assertEquals(20, json.path("captions").asInt());

        r = CliTest.run("train", "--resume", run.toString());             // finished run: nothing left, evaluates again
        assertEquals(0, r.code(), r.err());
        r = CliTest.run("train", "--run-dir", run.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is not empty"), r.err());
        r = CliTest.run("eval", "--run", tmp.resolve("nothing").toString());
        assertEquals(2, r.code());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
