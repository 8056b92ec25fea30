package cmer.train;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory as STACK.md says to read it. CPU: {@code VmRSS} (current) and {@code VmHWM} (peak) of
 * /proc/self/status, which see libtorch's native allocations (JVM heap metrics do not). GPU: device-wide
 * used bytes from {@code CudaUtils.getGpuMemory}, polled, peak = the largest value seen (CUDA has no
 * per-process high-water mark through DJL).
 *
 * <p>Construct it after the engine is loaded and before any model: that moment is the idle baseline,
 * so reports can give raw numbers and numbers above idle (which make a small model's savings visible).
 * On CPU the constructor also resets the kernel's VmHWM ({@code echo 5 > /proc/self/clear_refs}) so the
 * peak is the run's, not the engine start-up's; where that is not allowed, the peak is since process start.
 */
public final class MemoryMeter {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryMeter.class);

    private final Device device;
    private final Path status;
    private final long idle;
    private long gpuPeak;

    /** One reading. All in bytes; {@code *AboveIdle} = max(0, value − idle baseline). */
    public record Sample(String device, long bytes, long peakBytes, long idleBytes) {
        public long aboveIdle() { return Math.max(0, bytes - idleBytes); }

        public long peakAboveIdle() { return Math.max(0, peakBytes - idleBytes); }
    }

    public MemoryMeter(Device device) { this(device, Path.of("/proc/self/status"), true); }

    MemoryMeter(Device device, Path status, boolean resetPeak) {
        this.device = device;
        this.status = status;
        if (resetPeak && !isGpu()) resetPeak();
        this.idle = current();
        this.gpuPeak = idle;
    }

    /** The idle baseline in bytes (engine loaded, no model). */
    public long idleBytes() { return idle; }

    /** Reads current and peak memory now. Cheap (one small file read, or one CUDA query). */
    public synchronized Sample sample() {
        long now = current();
        long peak;
        if (isGpu()) {
            gpuPeak = Math.max(gpuPeak, now);
            peak = gpuPeak;
        } else {
            peak = Math.max(now, procField("VmHWM:"));
        }
        return new Sample(device.toString(), now, peak, idle);
    }

    private long current() {
        if (isGpu()) {
            MemoryUsage u = CudaUtils.getGpuMemory(device);
            return u.getUsed();
        }
        return procField("VmRSS:");
    }

    private boolean isGpu() { return device.isGpu(); }

    /** A "kB" field of /proc/self/status in bytes; -1 where /proc is missing (not Linux). */
    long procField(String name) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
                if (line.startsWith(name)) {
                    String[] p = line.substring(name.length()).trim().split("\\s+");
                    return Long.parseLong(p[0]) * (p.length > 1 && p[1].equalsIgnoreCase("kB") ? 1024 : 1);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("cannot read {} from {}: {}", name, status, e.toString());
        }
        return -1;
    }

    private static void resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | SecurityException e) {
            LOG.debug("cannot reset VmHWM (peak is since process start): {}", e.toString());
        }
    }
}
