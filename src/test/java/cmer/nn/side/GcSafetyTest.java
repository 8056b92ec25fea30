package cmer.nn.side;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import cmer.core.TrainConfig;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Regression test for a DJL trap found here: {@code x.div(2f)} inside a recorded graph wraps 2 in a
 * tensor over a direct ByteBuffer that DJL closes at once, while autograd keeps the storage for backward;
 * a GC between forward and backward then frees it and the gradients come out wrong or NaN. Every block
 * must give the same gradients with and without a forced GC at that moment.
 */
class GcSafetyTest {
    static final int B = 4, T = 17, D = 32;

    static float[] gradients(Supplier<Block> make, Shape[] in, boolean gc) {
        try (NDManager root = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            Block b = make.get();
            b.initialize(root, DataType.FLOAT32, in);
            b.getParameters().forEach(p -> { if (p.getKey().contains("up_") || p.getKey().endsWith("gamma") && !p.getKey().contains("ln")) p.getValue().getArray().addi(0.1f); });
            try (NDManager scope = root.newSubManager()) {
                NDList x = new NDList();
                for (Shape s : in) x.add(s.dimension() == 1 ? scope.create(new long[] {3, 5, 7, 16}) : scope.randomNormal(s));
                try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = b.forward(new ParameterStore(scope, false), x, true).get(0).square().sum();
                    if (gc) { System.gc(); System.runFinalization(); System.gc(); }
                    c.backward(loss);
                }
                List<Float> all = new java.util.ArrayList<>();
                b.getParameters().forEach(p -> { if (p.getValue().getArray().hasGradient()) for (float f : p.getValue().getArray().getGradient().toFloatArray()) all.add(f); });
                float[] out = new float[all.size()];
                for (int i = 0; i < out.length; i++) out[i] = all.get(i);
                return out;
            }
        }
    }

    @Test
    void gradientsDoNotDependOnWhenTheJvmCollectsGarbage() {
        TrainConfig.Side side = new TrainConfig.Side(3, List.of(), 8, 2, true, true, 1.0, TrainConfig.TextAdapter.SIDE);
        Shape h = new Shape(B, T, D), s = new Shape(B, T, 4);
        check(() -> new SideTransformerBlock(4, 2, 4, true), s);
        check(() -> new FocusLayer(4), s);
        check(() -> SideNetworks.vision(side, D, 3), h, h, h);
        check(() -> SideNetworks.text(side, D, 3), new Shape(B), h, h, h);
    }

    @Test
    void backboneBlocksToo() {                     // full-ft and adapter backprop through these
        Shape h = new Shape(B, T, D);
        check(() -> new cmer.nn.ResidualAttentionBlock(D, 2, 2 * D, cmer.nn.Activation.QUICK_GELU), h);
        check(() -> new cmer.nn.ResidualAttentionBlock(D, 2, 2 * D, cmer.nn.Activation.GELU), h);
    }

    static void check(Supplier<Block> make, Shape... in) {
        float[] quiet = gradients(make, in, false);
        assertTrue(quiet.length > 0);
        for (int rep = 0; rep < 2; rep++) assertArrayEquals(quiet, gradients(make, in, true), 0f, make.get().getClass().getSimpleName());
    }
}
