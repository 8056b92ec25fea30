package cmer.nn.side;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import cmer.core.CmerException;
import cmer.core.TrainConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextSideTest {
    static final int B = 4, T = 17, D = 32, TAPS = 3;
    static final long[] EOT = {16, 3, 9, 0};

    static TrainConfig.Side side(TrainConfig.TextAdapter kind, double lambdaInit) {
        return new TrainConfig.Side(3, List.of(), 8, 2, true, true, lambdaInit, kind);
    }

    static Block build(NDManager m, TrainConfig.Side s) {
        Engine.getInstance().setRandomSeed(4);
        Block b = SideNetworks.text(s, D, TAPS);
        Shape[] in = new Shape[TAPS + 1];
        in[0] = new Shape(B);
        for (int i = 1; i <= TAPS; i++) in[i] = new Shape(B, T, D);
        b.initialize(m, DataType.FLOAT32, in);
        return b;
    }

    static NDList input(NDManager m, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        NDList l = new NDList(m.create(EOT));
        for (int i = 0; i < TAPS; i++) l.add(m.randomNormal(new Shape(B, T, D)));
        return l;
    }

    /** h_L[b, eot_b, :] in plain Java. */
    static float[] pooled(NDList in) {
        float[] h = in.get(TAPS).toFloatArray(), out = new float[B * D];
        for (int b = 0; b < B; b++) System.arraycopy(h, (int) ((b * T + EOT[b]) * D), out, b * D, D);
        return out;
    }

    @Test
    void everyVariantStartsAsTheFrozenPooledFeatureWithTheDeclaredShape() {
        for (var kind : TrainConfig.TextAdapter.values()) {
            try (NDManager m = NDManager.newBaseManager()) {
                Block b = build(m, side(kind, 1.0));
                NDList in = input(m, 1);
                NDArray f = b.forward(new ParameterStore(m, false), in, false).head();
                assertEquals(b.getOutputShapes(in.getShapes())[0], f.getShape());
                assertArrayEquals(pooled(in), f.toFloatArray(), 0f, kind + ": f = h_L[eot] at init");
            }
        }
    }

    @Test
    void tokensAfterTheEotCannotChangeTheFeature() {
        // causal side attention: padding after each caption's EOT must not leak into its embedding
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = build(m, side(TrainConfig.TextAdapter.SIDE, 0.0));        // λ = 0, Up random
            Parameter lambda = b.getDirectParameters().get("lambda");
            lambda.getArray().addi(1f);                                          // λ = 1: the side branch now counts
            NDList in = input(m, 2), changed = input(m, 2);
            for (int i = 1; i <= TAPS; i++) {
                NDArray x = changed.get(i);
                for (int bi = 0; bi < B; bi++) {
                    if (EOT[bi] + 1 < T) x.set(new NDIndex("{}, {}:, :", bi, EOT[bi] + 1), 7f);
                }
            }
            ParameterStore ps = new ParameterStore(m, false);
            float[] a = b.forward(ps, in, false).head().toFloatArray(), c = b.forward(ps, changed, false).head().toFloatArray();
            assertArrayEquals(a, c, 1e-5f);
            assertFalse(java.util.Arrays.equals(pooled(in), a), "the side branch contributes once λ ≠ 0");
        }
    }

    @Test
    void wrongTapCountOrWidthIsAClearError() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = build(m, side(TrainConfig.TextAdapter.SIDE, 1.0));
            NDList in = input(m, 3);
            in.remove(1);
            CmerException e = assertThrows(CmerException.class, () -> b.forward(new ParameterStore(m, false), in, false));
            assertEquals("side network: expected 3 tapped hidden states, got 2", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> SideNetworks.vision(side(TrainConfig.TextAdapter.SIDE, 1), 36, 3));
    }
}
