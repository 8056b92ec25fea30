package cmer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import cmer.core.TrainConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamWNonFiniteTest {
    @Test
    void nonFiniteGradientsStopWithTheTensorNamesAndUpdateNothing() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optShape(new Shape(2, 2)).build();
            p.initialize(m, DataType.FLOAT32);
            p.getArray().set(java.nio.FloatBuffer.wrap(new float[] {1, 2, 3, 4}));
            try (AdamW opt = new AdamW(Map.of("w", p), TrainConfig.Optim.DEFAULTS)) {
                try (NDManager s = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray x = s.ones(new Shape(2, 2)).mul(Float.POSITIVE_INFINITY);
                    gc.backward(x.mul(p.getArray()).sum());                   // d/dw = inf
                }
                cmer.core.CmerException e = org.junit.jupiter.api.Assertions.assertThrows(cmer.core.CmerException.class, () -> opt.step(1e-3));
                org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("NaN/Inf gradients in 1 tensor(s): w"), e.getMessage());
                assertEquals(java.util.List.of("w"), opt.nonFinite());
                assertArrayEquals(new float[] {1, 2, 3, 4}, p.getArray().toFloatArray());
            }
        }
    }
}
