package cmer.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import cmer.core.Configs;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The golden files of src/test/python/make_model_goldens.py. Safetensors are read with DJL's decoder here (F32/I64
 * only; the product reads checkpoints through cmer.nn.io).
 */
final class Goldens {
    static final float TOLERANCE = 1e-4f;

    private Goldens() { }

    static NDList read(NDManager manager, String file) throws IOException {
        try (InputStream in = Goldens.class.getResourceAsStream("/cmer/nn/goldens/" + file)) {
            if (in == null) throw new IOException("golden " + file + " missing: run /usr/bin/python3 src/test/python/make_model_goldens.py");
            return NDList.decode(manager, in);
        }
    }

    static ClipConfig config(String name) throws IOException {
        try (InputStream in = Goldens.class.getResourceAsStream("/cmer/nn/goldens/" + name + ".json")) {
            return Configs.JSON.readValue(in, ClipConfig.class);
        }
    }

    /** A checkpoint in memory, in file order. */
    static WeightSource weights(NDManager manager, String name) throws IOException {
        Map<String, WeightSource.Tensor> t = new LinkedHashMap<>();
        for (NDArray a : read(manager, name + ".safetensors")) {
            t.put(a.getName(), new WeightSource.Tensor(a.getShape().getShape(), a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray()));
        }
        return WeightSource.of(t);
    }

    static Map<String, NDArray> io(NDManager manager, String name) throws IOException {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (NDArray a : read(manager, name + ".io.safetensors")) out.put(a.getName(), a);
        return out;
    }

    /** Same shape and every value within {@link #TOLERANCE} of PyTorch's. */
    static void assertClose(NDArray expected, NDArray actual, String what) {
        assertArrayEquals(expected.getShape().getShape(), actual.getShape().getShape(), what + ": shape");
        float[] e = expected.toFloatArray(), a = actual.toFloatArray();
        float worst = 0;
        int at = -1;
        for (int i = 0; i < e.length; i++) {
            float d = Math.abs(e[i] - a[i]);
            if (!(d <= worst)) { worst = d; at = i; }
        }
        float w = worst;
        int i = at;
        assertTrue(w <= TOLERANCE, () -> what + ": max |difference| " + w + " at flat index " + i + " (expected " + e[i] + ", got " + a[i] + ")");
    }
}
