package cmer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryMeterTest {
    @TempDir Path tmp;

    @Test
    void readsRssAndPeakFromAStatusFile() throws Exception {
        Path status = Files.writeString(tmp.resolve("status"), "Name:\tjava\nVmHWM:\t  2048 kB\nVmRSS:\t  1024 kB\n");
        MemoryMeter m = new MemoryMeter(Device.cpu(), status, false);
        assertEquals(1024 * 1024, m.idleBytes());
        Files.writeString(status, "VmHWM:\t  8192 kB\nVmRSS:\t  3072 kB\n");
        MemoryMeter.Sample s = m.sample();
        assertEquals(3072 * 1024, s.bytes());
        assertEquals(8192 * 1024, s.peakBytes());
        assertEquals(2048 * 1024, s.aboveIdle());
        assertEquals(7168 * 1024, s.peakAboveIdle());
        assertEquals("cpu()", s.device());
    }

    @Test
    void seesNativeAllocationsOfThisProcess() {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux /proc to read VmRSS/VmHWM");
        MemoryMeter m = new MemoryMeter(Device.cpu());
        long before = m.sample().peakBytes();
        try (var mgr = ai.djl.ndarray.NDManager.newBaseManager()) {
            var big = mgr.ones(new ai.djl.ndarray.types.Shape(64, 1024, 1024));        // 256 MiB in libtorch, not on the Java heap
            MemoryMeter.Sample s = m.sample();
            assertTrue(s.peakBytes() - before > 200L << 20, "peak grew by " + ((s.peakBytes() - before) >> 20) + " MiB");
            assertTrue(s.peakAboveIdle() > 200L << 20);
            big.close();
        }
    }
}
