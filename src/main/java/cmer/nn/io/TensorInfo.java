package cmer.nn.io;

import java.util.Arrays;

/** What a file says about one tensor, without its data: name, element type and shape. */
public record TensorInfo(String name, DType dtype, long[] shape) {
    public TensorInfo {
        shape = shape.clone();
    }

    /** Number of elements (1 for a scalar). */
    public long numel() { return numel(shape); }

    /** Bytes on disk. */
    public long bytes() { return numel() * dtype.bytes(); }

    @Override
    public long[] shape() { return shape.clone(); }

    public String shapeString() { return Arrays.toString(shape); }

    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) n = Math.multiplyExact(n, d);
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(shape); }

    @Override
    public String toString() { return name + " " + dtype + " " + shapeString(); }
}
