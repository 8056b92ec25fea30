package cmer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
    @TempDir Path tmp;

    @Test
    void demoWritesTwoRunFoldersAndSummarisesThem() {
        List<RunSummary> rows = Demo.run(TinyRun.data(), tmp, List.of("batchSize=8", "epochs=1", "device=cpu", "cmer.side.tapEvery=2",
                "cmer.queue.size=16", "logEvery=1"), s -> { }, e -> { });
        assertEquals(2, rows.size());
        RunSummary zero = rows.get(0), cmer = rows.get(1);
        assertEquals("zero-shot", zero.method());
        assertEquals("cmer", cmer.method());
        assertTrue(zero.name().startsWith("demo-") && zero.name().endsWith("-zero-shot"), zero.name());
        assertEquals(0, zero.trainable());
        assertEquals(0, zero.steps());
        assertTrue(cmer.trainable() > 0 && cmer.trainable() < cmer.total(), cmer.trainable() + " of " + cmer.total());
        assertEquals(3, cmer.steps());
        assertTrue(cmer.pairsPerS() > 0 && cmer.peakBytes() > 0, cmer.toString());
        assertTrue(cmer.test().mr() >= 0 && cmer.test().mr() <= 100);
    }
}
