package cmer.nn.io;

import java.nio.ByteBuffer;

/** Raw little-endian bytes → {@link Tensor}; gathers strided (non-contiguous) PyTorch views into row-major order. */
final class Tensors {
    private Tensors() { }

    /** Contiguous bytes of exactly {@code info.bytes()} → tensor. */
    static Tensor decode(TensorInfo info, ByteBuffer b) {
        int n = Math.toIntExact(info.numel());
        float[] f = new float[n];
        DType dt = info.dtype();
        long[] longs = dt.isFloating() ? null : new long[n];
        for (int i = 0; i < n; i++) {
            if (longs != null) {
                longs[i] = dt.longAt(b, i);
                f[i] = longs[i];
            } else {
                f[i] = dt.floatAt(b, i);
            }
        }
        return new Tensor(dt, info.shape(), f, longs);
    }

    /**
     * Elements of a strided view over a storage: element (i0, i1, ...) lives at {@code offset + Σ ik·stride[k]}
     * (in elements). The caller has checked that every such index lies inside the storage.
     */
    static Tensor gather(TensorInfo info, ByteBuffer storage, long offset, long[] stride) {
        long[] shape = info.shape();
        int n = Math.toIntExact(info.numel());
        DType dt = info.dtype();
        float[] f = new float[n];
        long[] longs = dt.isFloating() ? null : new long[n];
        int[] idx = new int[shape.length];
        long pos = offset;
        for (int i = 0; i < n; i++) {
            int p = Math.toIntExact(pos);
            if (longs != null) {
                longs[i] = dt.longAt(storage, p);
                f[i] = longs[i];
            } else {
                f[i] = dt.floatAt(storage, p);
            }
            for (int k = shape.length - 1; k >= 0; k--) {       // odometer over the shape, last axis fastest
                idx[k]++;
                pos += stride[k];
                if (idx[k] < shape[k]) break;
                pos -= stride[k] * shape[k];
                idx[k] = 0;
            }
        }
        return new Tensor(dt, shape, f, longs);
    }

    /** Largest element index a view reaches (offset for empty views), or -1 when a stride is negative. */
    static long lastIndex(long[] shape, long[] stride, long offset) {
        long last = offset;
        for (int k = 0; k < shape.length; k++) {
            if (stride[k] < 0) return -1;
            if (shape[k] == 0) return offset;
            last = Math.addExact(last, Math.multiplyExact(shape[k] - 1, stride[k]));
        }
        return last;
    }
}
