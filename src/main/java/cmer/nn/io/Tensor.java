package cmer.nn.io;

import java.util.Arrays;

/**
 * One tensor read from a checkpoint, row-major and contiguous: the element type as stored, the shape, the
 * values converted to float32 ({@code data}, always present) and, for integer tensors, the exact values
 * ({@code longs}, else null). Blocks copy {@code data} into their parameters with {@code manager.create(data, shape)}.
 */
public record Tensor(DType dtype, long[] shape, float[] data, long[] longs) {
    public Tensor {
        if (TensorInfo.numel(shape) != data.length || (longs != null && longs.length != data.length))
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length + " values");
    }

    /** A float32 tensor. */
    public static Tensor of(float[] data, long... shape) { return new Tensor(DType.F32, shape.clone(), data, null); }

    /** An int64 tensor. */
    public static Tensor ofLongs(long[] values, long... shape) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = values[i];
        return new Tensor(DType.I64, shape.clone(), f, values);
    }

    public long numel() { return data.length; }

    /** The shape as ints, for DJL's {@code Shape} or array sizes. */
    public int[] intShape() { return Arrays.stream(shape).mapToInt(Math::toIntExact).toArray(); }

    public TensorInfo info(String name) { return new TensorInfo(name, dtype, shape); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && dtype == t.dtype && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data)
                && Arrays.equals(longs, t.longs);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(shape) * 31 + Arrays.hashCode(data); }

    @Override
    public String toString() { return "Tensor(" + dtype + " " + Arrays.toString(shape) + ")"; }
}
