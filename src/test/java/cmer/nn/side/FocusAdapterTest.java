package cmer.nn.side;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import cmer.core.TrainConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tiny dims: D = 32, T = 17 (CLS + 16 patches), B = 4, r = 8 → d = 4, 3 taps. */
class FocusAdapterTest {
    static final int B = 4, T = 17, D = 32, TAPS = 3;
    static final TrainConfig.Side SIDE = new TrainConfig.Side(3, List.of(), 8, 2, true, true, 1.0, TrainConfig.TextAdapter.SIDE);

    static NDList taps(NDManager m) {
        NDList l = new NDList();
        for (int i = 0; i < TAPS; i++) l.add(m.randomNormal(new Shape(B, T, D)));
        return l;
    }

    static Shape[] shapes() {
        Shape[] s = new Shape[TAPS];
        java.util.Arrays.fill(s, new Shape(B, T, D));
        return s;
    }

    static Block vision(NDManager m, TrainConfig.Side side) {
        Engine.getInstance().setRandomSeed(1);
        Block b = SideNetworks.vision(side, D, TAPS);
        b.initialize(m, DataType.FLOAT32, shapes());
        return b;
    }

    static void set(Parameter p, float v) { p.getArray().muli(0).addi(v); }

    static void zeroGrads(Map<String, Parameter> ps) {
        ps.values().forEach(p -> { if (p.getArray().hasGradient()) p.getArray().getGradient().subi(p.getArray().getGradient()); });
    }

    @Test
    void atInitTheOutputIsExactlyTheFrozenClsToken() {
        for (TrainConfig.Side side : List.of(SIDE, new TrainConfig.Side(3, List.of(), 8, 2, false, false, 0.0, TrainConfig.TextAdapter.SIDE))) {
            try (NDManager m = NDManager.newBaseManager()) {
                Block b = vision(m, side);
                NDList in = taps(m);
                NDList out = b.forward(new ParameterStore(m, false), in, false);
                assertArrayEquals(in.get(TAPS - 1).get(":, 0, :").toFloatArray(), out.get(0).toFloatArray(), 0f, "f = CLS_L at step 0 for " + side);
            }
        }
    }

    @Test
    void outputShapesMatchARealForwardAndSaliencySumsToOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = vision(m, SIDE);
            NDList out = b.forward(new ParameterStore(m, false), taps(m), false);
            Shape[] declared = b.getOutputShapes(shapes());
            assertEquals(new Shape(B, D), out.get(0).getShape());
            assertEquals(new Shape(B, T - 1), out.get(1).getShape());
            assertArrayEquals(declared, out.getShapes());
            float[] rowSums = out.get(1).sum(new int[] {1}).toFloatArray();
            for (float s : rowSums) assertEquals(1f, s, 1e-5f);
            float[] a = out.get(1).toFloatArray();
            assertTrue(a[0] != a[1] || a[1] != a[2], "saliency is not uniform when the focus layer is on");
        }
    }

    @Test
    void gammaReweightsPatchesByTheFormula() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(2);
            FocusLayer f = new FocusLayer(4);
            Shape s = new Shape(B, T, 4);
            f.initialize(m, DataType.FLOAT32, s);
            NDArray x = m.randomNormal(s);
            ParameterStore ps = new ParameterStore(m, false);
            NDList off = f.forward(ps, new NDList(x), false);
            assertArrayEquals(x.toFloatArray(), off.get(0).toFloatArray(), 0f, "γ = 0: tokens unchanged");
            set(f.getDirectParameters().get("gamma"), 0.7f);
            NDList on = f.forward(ps, new NDList(x), false);
            float[] xs = x.toFloatArray(), ys = on.get(0).toFloatArray(), a = on.get(1).toFloatArray();
            int n = T - 1;
            for (int bi = 0; bi < B; bi++) {
                for (int t = 0; t < T; t++) {
                    double w = t == 0 ? 1 : 1 + 0.7 * (n * a[bi * n + t - 1] - 1);   // CLS untouched
                    for (int e = 0; e < 4; e++) {
                        int i = (bi * T + t) * 4 + e;
                        assertEquals(xs[i] * w, ys[i], 1e-5);
                    }
                }
            }
            assertFalse(java.util.Arrays.equals(xs, ys));
        }
    }

    @Test
    void gradientsReachEverySideParameterButNeverTheInputs() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = vision(m, SIDE);
            Map<String, Parameter> ps = SideNetworks.namedParameters(b, "visual_side");
            assertTrue(ps.containsKey("visual_side.ladder.step_0.down.weight"), ps.keySet().toString());
            assertTrue(ps.containsKey("visual_side.ladder.step_2.block.attn.in_proj.weight"), ps.keySet().toString());
            assertTrue(ps.containsKey("visual_side.focus.gamma") && ps.containsKey("visual_side.lambda") && ps.containsKey("visual_side.up.weight"));
            NDList in = taps(m);
            in.forEach(x -> x.setRequiresGradient(true));
            ParameterStore store = new ParameterStore(m, false);
            // step 0: Up = 0, so only Up's weight (and bias) can receive a gradient
            backward(b, store, m, in);
            assertTrue(grad(ps.get("visual_side.up.weight")) > 0, "Up learns from step 0");
            // after Up and γ move (as one optimiser step would), every side parameter receives a gradient
            zeroGrads(ps);
            ps.get("visual_side.up.weight").getArray().addi(m.randomNormal(ps.get("visual_side.up.weight").getArray().getShape()).mul(0.1f));
            set(ps.get("visual_side.focus.gamma"), 0.5f);
            backward(b, store, m, in);
            for (var e : ps.entrySet()) assertTrue(grad(e.getValue()) > 0, "no gradient reached " + e.getKey());
            for (NDArray x : in) assertEquals(0f, x.getGradient().abs().sum().getFloat(), "no gradient into the frozen backbone's hidden states");
        }
    }

    @Test
    void lambdaZeroStartStillLearns() {
        // λ = 0 with a zero Up would give both zero gradient forever; with λ = 0, Up starts random
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = vision(m, new TrainConfig.Side(3, List.of(), 8, 2, true, true, 0.0, TrainConfig.TextAdapter.SIDE));
            Map<String, Parameter> ps = SideNetworks.namedParameters(b, "");
            backward(b, new ParameterStore(m, false), m, taps(m));
            assertTrue(grad(ps.get("lambda")) > 0);
        }
    }

    static void backward(Block b, ParameterStore store, NDManager m, NDList in) {
        try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray target = step.randomNormal(new Shape(B, D));
            NDList out = b.forward(store, in, true);
            gc.backward(out.get(0).sub(target).square().sum());
        }
    }

    static float grad(Parameter p) {
        NDArray a = p.getArray();
        return a.hasGradient() ? a.getGradient().abs().sum().getFloat() : 0f;
    }

    @Test
    void stepScopedForwardLeavesNothingOnTheModelManager() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = vision(m, SIDE);
            NDList in = taps(m);
            int before = m.getManagedArrays().size();
            try (NDManager step = m.newSubManager()) {
                NDList x = new NDList();
                for (NDArray t : in) x.add(step.zeros(t.getShape()).add(t));
                b.forward(new ParameterStore(step, false), x, false);
            }
            assertEquals(before, m.getManagedArrays().size(), "a forward in a step scope must not leak arrays into the model's manager");
        }
    }

}
