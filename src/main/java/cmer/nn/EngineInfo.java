package cmer.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import cmer.core.CmerException;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the deep-learning engine really is on this machine: versions, the device in use (after a real
 * tensor op on it, not a guess), thread settings and where the native library came from.
 */
public record EngineInfo(String engine, String engineVersion, String pytorchVersion, Device device,
                         String deviceDescription, int interOpThreads, int intraOpThreads, String ompWaitPolicy,
                         boolean offline, Path cacheDir, long cacheBytes, Path libtorch, boolean bundledNative,
                         List<String> notes) {

    /** Starts PyTorch (offline) on the requested device ({@code auto}, {@code cpu}, {@code gpu}, {@code gpuN}). */
    public static EngineInfo probe(String requestedDevice) {
        if (!"true".equals(System.getProperty("ai.djl.offline"))) System.setProperty("ai.djl.offline", "true");
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new CmerException("the PyTorch engine did not start: " + e.getMessage()
                    + ". The native library comes from the bundled pytorch-native jar; check that target/classpath.txt"
                    + " lists it and that the DJL cache (" + Utils.getEngineCacheDir("pytorch") + ") is writable.",
                    CmerException.ENGINE, e);
        }
        List<String> notes = new ArrayList<>();
        Device device = Devices.resolve(requestedDevice, engine, notes);
        try (NDManager m = NDManager.newBaseManager(device)) {      // prove the device works with one real op
            NDArray x = m.ones(new ai.djl.ndarray.types.Shape(2, 2));
            if (x.matMul(x).sum().getFloat() != 8f) throw new CmerException("a 2x2 matmul on " + device + " gave a wrong result", CmerException.ENGINE, null);
        }
        String lib = LibUtils.getLibtorchPath();
        Path libPath = lib == null ? null : Path.of(lib);
        Path cache = Utils.getEngineCacheDir("pytorch");
        boolean bundled = EngineInfo.class.getResource("/native/lib/pytorch.properties") != null
                && libPath != null && libPath.startsWith(cache);
        String omp = System.getenv("OMP_WAIT_POLICY");
        if (!"PASSIVE".equalsIgnoreCase(omp)) notes.add("OMP_WAIT_POLICY is not PASSIVE: OpenMP spin-waiting slows steps 3-15x on a loaded 2-core machine (start through ./cmer)");
        return new EngineInfo(engine.getEngineName(), engine.getVersion(), LibUtils.getVersion(), device,
                describe(device), intProp("ai.djl.pytorch.num_interop_threads", -1), intProp("ai.djl.pytorch.num_threads", -1),
                omp == null ? "(unset)" : omp, Boolean.getBoolean("ai.djl.offline"), cache, sizeOf(cache), libPath, bundled, notes);
    }

    private static String describe(Device d) {
        if (!d.isGpu()) return "CPU, " + Runtime.getRuntime().availableProcessors() + " cores";
        MemoryUsage mem = CudaUtils.getGpuMemory(d);
        return "GPU " + d.getDeviceId() + " (" + Devices.gpuName(d.getDeviceId()) + ", compute " + CudaUtils.getComputeCapability(d.getDeviceId())
                + ", " + mem.getMax() / (1 << 20) + " MiB total, " + mem.getUsed() / (1 << 20) + " MiB used)";
    }

    private static int intProp(String key, int dflt) {
        try { return Integer.parseInt(System.getProperty(key, "" + dflt)); } catch (NumberFormatException e) { return dflt; }
    }

    static long sizeOf(Path dir) {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
