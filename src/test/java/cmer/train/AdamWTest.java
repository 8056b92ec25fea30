package cmer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import cmer.core.CmerException;
import cmer.core.TrainConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamWTest {
    static final TrainConfig.Optim OPT = new TrainConfig.Optim(1e-2, 0.1, 0.9, 0.98, 1e-6, 0.5);

    static Linear model(NDManager m) {
        Engine.getInstance().setRandomSeed(3);
        Linear l = Linear.builder().setUnits(3).build();
        l.initialize(m, DataType.FLOAT32, new Shape(4, 5));
        return l;
    }

    static Map<String, Parameter> params(Linear l) {
        Map<String, Parameter> p = new LinkedHashMap<>();
        l.getDirectParameters().forEach(e -> p.put(e.getKey(), e.getValue()));
        return p;
    }

    /** One forward/backward of a fixed regression loss; gradients land on the parameters. */
    static void backward(Linear l, NDManager m) {
        try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = step.arange(20f).reshape(4, 5).div(10f);
            NDArray y = step.ones(new Shape(4, 3));
            NDArray out = l.forward(new ParameterStore(step, false), new NDList(x), true).head();
            gc.backward(out.sub(y).square().sum());
        }
    }

    @Test
    void updatesMatchADoublePrecisionAdamWWithClippingAndDecoupledDecay() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear l = model(m);
            Map<String, Parameter> p = params(l);
            Map<String, double[]> w = new LinkedHashMap<>(), mm = new LinkedHashMap<>(), vv = new LinkedHashMap<>();
            p.forEach((k, v) -> {
                float[] f = v.getArray().toFloatArray();
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) d[i] = f[i];
                w.put(k, d);
                mm.put(k, new double[f.length]);
                vv.put(k, new double[f.length]);
            });
            try (AdamW opt = new AdamW(p, OPT)) {
                for (int t = 1; t <= 3; t++) {
                    backward(l, m);
                    Map<String, float[]> g = new LinkedHashMap<>();
                    double sq = 0;
                    for (var e : p.entrySet()) {
                        float[] gr = e.getValue().getArray().getGradient().toFloatArray();
                        g.put(e.getKey(), gr);
                        for (float x : gr) sq += (double) x * x;
                    }
                    double norm = Math.sqrt(sq), clip = norm > OPT.clipNorm() ? OPT.clipNorm() / (norm + 1e-6) : 1;
                    double lr = 0.01 / t;
                    assertEquals(norm, opt.step(lr), norm * 1e-5);
                    for (var e : p.entrySet()) {
                        String k = e.getKey();
                        double[] wk = w.get(k), mk = mm.get(k), vk = vv.get(k);
                        boolean decay = e.getValue().getArray().getShape().dimension() >= 2;
                        for (int i = 0; i < wk.length; i++) {
                            double gi = g.get(k)[i] * clip;
                            mk[i] = 0.9 * mk[i] + 0.1 * gi;
                            vk[i] = 0.98 * vk[i] + 0.02 * gi * gi;
                            if (decay) wk[i] *= 1 - lr * 0.1;
                            wk[i] -= lr * (mk[i] / (1 - Math.pow(0.9, t))) / (Math.sqrt(vk[i] / (1 - Math.pow(0.98, t))) + 1e-6);
                        }
                        float[] got = e.getValue().getArray().toFloatArray();
                        for (int i = 0; i < wk.length; i++) assertEquals(wk[i], got[i], 1e-5, k + "[" + i + "] at step " + t);
                        assertEquals(0f, e.getValue().getArray().getGradient().abs().sum().getFloat(), "gradients are zeroed");
                    }
                }
            }
        }
    }

    @Test
    void resumingFromTheSavedStateContinuesBitForBit() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear straight = model(m);
            try (AdamW opt = new AdamW(params(straight), OPT)) {
                for (int t = 0; t < 4; t++) { backward(straight, m); opt.step(1e-2); }
            }
            Linear first = model(m);
            AdamW.State saved;
            Map<String, Checkpoint.F32> weights = new LinkedHashMap<>();
            try (AdamW opt = new AdamW(params(first), OPT)) {
                for (int t = 0; t < 2; t++) { backward(first, m); opt.step(1e-2); }
                saved = opt.state();
                params(first).forEach((k, v) -> weights.put(k, Checkpoint.F32.of(v.getArray())));
            }
            Linear resumed = model(m);                                        // fresh weights, then the saved ones
            params(resumed).forEach((k, v) -> v.getArray().set(weights.get(k).data()));
            try (AdamW opt = new AdamW(params(resumed), OPT)) {
                opt.restore(saved);
                assertEquals(2, opt.steps());
                for (int t = 0; t < 2; t++) { backward(resumed, m); opt.step(1e-2); }
            }
            for (String k : params(straight).keySet()) {
                assertArrayEquals(params(straight).get(k).getArray().toFloatArray(), params(resumed).get(k).getArray().toFloatArray(), 0f, k);
            }
            Linear other = Linear.builder().setUnits(2).build();
            other.initialize(m, DataType.FLOAT32, new Shape(4, 5));
            try (AdamW opt = new AdamW(params(other), OPT)) {
                CmerException e = assertThrows(CmerException.class, () -> opt.restore(saved));
                assertEquals("checkpoint: optimiser state of 'weight' has shape (3, 5), expected (2, 5)", e.getMessage());
            }
        }
    }
}
