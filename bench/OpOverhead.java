import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Fixed cost of one DJL op: 20,000 adds on a (4, 8) array, where the arithmetic is nothing. Bench-only.
 *   java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -cp "$(cat target/classpath.txt)" bench/OpOverhead.java
 * PyTorch eager, for comparison:
 *   /usr/bin/python3 -c "import torch,time;torch.set_num_threads(1);torch.set_grad_enabled(False);x=torch.randn(4,8);y=x
 *   t=time.perf_counter();[y:=y+x for _ in range(20000)];print((time.perf_counter()-t)/20000*1e6,'us/op')"
 */
public final class OpOverhead {
    public static void main(String[] args) {
        try (NDManager m = NDManager.newBaseManager()) {
            JniUtils.setGradMode(false);
            NDArray x = m.randomNormal(new Shape(4, 8));
            for (int round = 0; round < 3; round++) {
                int n = 20000;
                long t0 = System.nanoTime();
                try (NDManager s = m.newSubManager()) {
                    NDArray y = x;
                    for (int i = 0; i < n; i++) {
                        NDArray z = y.add(x);
                        if (y != x) y.close();
                        y = z;
                    }
                }
                System.out.printf("DJL add on (4, 8): %.2f us/op%n", (System.nanoTime() - t0) / 1e3 / n);
            }
        }
    }
}
