import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import cmer.nn.ClipConfig;
import cmer.nn.bench.ForwardBench;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs the TorchScript towers written by {@code bench_clip_forward.py --save-torchscript DIR} inside DJL's own
 * libtorch (2.5.1): the whole forward is one JNI call, so (cmer bench model) / (this) is DJL's per-op overhead
 * with the BLAS held equal. Bench-only (not product code): compare.sh runs it as a single-file program.
 *   java -cp target/classes:$(cat target/classpath.txt) bench/TorchScriptForward.java DIR [batch] [passes]
 */
public final class TorchScriptForward {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32, passes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (NDManager root = NDManager.newBaseManager(); Model vision = Model.newInstance("vision"); Model text = Model.newInstance("text")) {
            JniUtils.setGradMode(false);
            vision.load(dir, "vision.pt");
            text.load(dir, "text.pt");
            NDArray images = root.randomNormal(new Shape(batch, 3, 224, 224));
            NDArray ids = root.create(ForwardBench.captions(batch, ClipConfig.named("vit-b-32")), new Shape(batch, 77));
            StringBuilder json = new StringBuilder("{\"threads\": " + JniUtils.getNumThreads());
            for (var run : new Object[][] {{"image", vision, images}, {"text", text, ids}}) {
                double[] wall = new double[passes], cpu = new double[passes];
                for (int i = -2; i < passes; i++) {                                    // 2 warm-ups: the profiling executor
                    try (NDManager step = root.newSubManager()) {
                        long t0 = System.nanoTime(), c0 = os.getProcessCpuTime();
                        ((Model) run[1]).getBlock().forward(new ParameterStore(step, false), new NDList((NDArray) run[2]), false).head().getFloat(0, 0);
                        if (i >= 0) { wall[i] = (System.nanoTime() - t0) / 1e9; cpu[i] = (os.getProcessCpuTime() - c0) / 1e9; }
                    }
                }
                Arrays.sort(wall);
                Arrays.sort(cpu);
                json.append(String.format(", \"%s/s\": \"%.2f\", \"%s cpu s\": \"%.2f\"", run[0].equals("image") ? "images" : "captions",
                        batch / wall[passes / 2], run[0], cpu[passes / 2]));
            }
            System.out.println(json.append("}"));
        }
    }
}
