package cmer.nn;

import java.util.Map;
import java.util.Set;

/**
 * Named float tensors from a checkpoint, whatever its file format (the readers in {@code cmer.nn.io} convert
 * F16/BF16 to F32 before anything reaches here). Data is asked for per tensor, so a reader may decode lazily.
 */
public interface WeightSource {
    /** Tensor names in file order. */
    Set<String> names();

    /** Shape of one tensor; {@code long[0]} for a scalar. */
    long[] shape(String name);

    /** Row-major float32 values of one tensor. */
    float[] data(String name);

    /** One tensor held in memory. */
    record Tensor(long[] shape, float[] data) { }

    /** A source over tensors already in memory (keeps the map's order). */
    static WeightSource of(Map<String, Tensor> tensors) {
        return new WeightSource() {
            @Override public Set<String> names() { return tensors.keySet(); }

            @Override public long[] shape(String name) { return tensors.get(name).shape(); }

            @Override public float[] data(String name) { return tensors.get(name).data(); }
        };
    }
}
