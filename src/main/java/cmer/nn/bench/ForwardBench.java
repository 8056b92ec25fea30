package cmer.nn.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import cmer.core.CmerException;
import cmer.nn.ClipConfig;
import cmer.nn.ClipModel;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * Forward throughput of both towers with random weights, fp32, no autograd: what {@code cmer bench model} prints
 * and what {@code src/test/python/bench_clip_forward.py} measures for the same model in PyTorch.
 * Each pass runs in its own sub-manager (inputs are made outside the timed region), all on the calling thread.
 */
public final class ForwardBench {
    /**
     * One measurement: per-pass wall seconds for each tower after the warm-up passes, and the process CPU seconds
     * (all threads, libtorch's included) of the same passes: on a shared machine CPU time is the steadier number.
     */
    public record Result(String model, int batch, int warmup, Passes image, Passes text, int threads, String malloc) {
        public double imagesPerSecond() { return batch / median(image.wall()); }

        public double captionsPerSecond() { return batch / median(text.wall()); }
    }

    /** Wall and CPU seconds of each timed pass. */
    public record Passes(double[] wall, double[] cpu) {
        public double medianWall() { return median(wall); }

        public double medianCpu() { return median(cpu); }
    }

    static double median(double[] s) {
        double[] c = s.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    private ForwardBench() { }

    public static Result run(String configName, int batch, int warmup, int passes) {
        if (batch < 1 || passes < 1 || warmup < 0) throw new CmerException("bench: batch and passes must be positive, warm-up not negative");
        ClipConfig cfg = ClipConfig.named(configName);
        try (NDManager root = NDManager.newBaseManager(); NDManager modelScope = root.newSubManager()) {
            JniUtils.setGradMode(false);                                                 // thread-local (STACK.md); engine now loaded
            ClipModel model = ClipModel.create(cfg, modelScope);
            int s = cfg.vision().imageSize();
            NDArray images = root.randomNormal(new Shape(batch, 3, s, s));               // (B, 3, S, S)
            NDArray ids = root.create(captions(batch, cfg), new Shape(batch, cfg.contextLength()));  // (B, T)
            Passes img = time(model.visual(), root, images, warmup, passes);
            Passes txt = time(model.text(), root, ids, warmup, passes);
            return new Result(configName, batch, warmup, img, txt, JniUtils.getNumThreads(), mallocSettings());
        }
    }

    private static Passes time(Block tower, NDManager root, NDArray input, int warmup, int passes) {
        double[] wall = new double[passes], cpu = new double[passes];
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = -warmup; i < passes; i++) {
            try (NDManager step = root.newSubManager()) {
                long t0 = System.nanoTime(), c0 = os.getProcessCpuTime();
                NDList out = tower.forward(new ParameterStore(step, false), new NDList(input), false);
                out.head().getFloat(0, 0);                                               // CPU ops are eager; this just reads the result
                if (i >= 0) {
                    wall[i] = (System.nanoTime() - t0) / 1e9;
                    cpu[i] = (os.getProcessCpuTime() - c0) / 1e9;
                }
            }
        }
        return new Passes(wall, cpu);
    }

    /** Captions like the tokenizer's: start id, random tokens, end-of-text (the largest id), zero padding. */
    public static long[] captions(int batch, ClipConfig cfg) {
        int t = cfg.contextLength(), vocab = cfg.text() != null ? cfg.text().vocabSize() : cfg.bert().vocabSize();
        Random r = new Random(0);
        long[] ids = new long[batch * t];
        for (int b = 0; b < batch; b++) {
            int len = 8 + r.nextInt(t - 8);
            ids[b * t] = vocab - 2;
            for (int j = 1; j < len - 1; j++) ids[b * t + j] = 1 + r.nextInt(vocab - 3);
            ids[b * t + len - 1] = vocab - 1;
        }
        return ids;
    }

    private static String mallocSettings() {
        String[] keys = {"MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_"};
        StringBuilder sb = new StringBuilder();
        for (String k : keys) if (System.getenv(k) != null) sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(System.getenv(k));
        return sb.length() == 0 ? "glibc defaults" : sb.toString();
    }
}
