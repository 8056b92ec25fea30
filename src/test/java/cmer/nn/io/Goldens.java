package cmer.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The golden files written by src/test/python/make_format_goldens.py (PyTorch 1.13). */
final class Goldens {
    private Goldens() { }

    static Path file(String name) {
        try {
            return Path.of(Goldens.class.getResource("/cmer/nn/io/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts that {@code sd} holds exactly the tensors of {@code expected_<tag>.json}, in order, bit for bit. */
    static void assertMatches(String tag, StateDict sd) throws IOException {
        JsonNode exp = new ObjectMapper().readTree(file("expected_" + tag + ".json").toFile());
        List<String> names = new ArrayList<>();
        exp.fieldNames().forEachRemaining(names::add);
        assertEquals(names, new ArrayList<>(sd.names()), tag + ": names in file order");
        for (String name : names) {
            JsonNode e = exp.get(name);
            Tensor t = sd.get(name);
            assertEquals(e.get("dtype").asText(), t.dtype().name(), name);
            long[] shape = new long[e.get("shape").size()];
            for (int i = 0; i < shape.length; i++) shape[i] = e.get("shape").get(i).asLong();
            assertArrayEquals(shape, t.shape(), name);
            JsonNode v = e.get("values");
            if (t.dtype().isFloating()) {
                float[] f = new float[v.size()];
                for (int i = 0; i < f.length; i++) f[i] = (float) v.get(i).asDouble();
                assertArrayEquals(f, t.data(), name + ": values as PyTorch converts them to float32");
            } else {
                long[] l = new long[v.size()];
                for (int i = 0; i < l.length; i++) l[i] = v.get(i).asLong();
                assertArrayEquals(l, t.longs(), name);
            }
        }
    }
}
