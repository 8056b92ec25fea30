package cmer.nn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Raw little-endian bytes → {@link Tensor}; gathers strided (non-contiguous) PyTorch views into row-major order. */
final class Tensors {
    private Tensors() { }

    /** Contiguous bytes of exactly {@code info.bytes()} → tensor. */
    static Tensor decode(TensorInfo info, ByteBuffer b) {
        return decode(info, b, 0);
    }

    /** Contiguous elements starting at element {@code first} of a little-endian buffer; bulk copies for the float types. */
    static Tensor decode(TensorInfo info, ByteBuffer b, long first) {
        int n = Math.toIntExact(info.numel());
        DType dt = info.dtype();
        ByteBuffer at = b.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(Math.toIntExact(first * dt.bytes())).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[n];
        long[] longs = null;
        switch (dt) {
            case F32 -> at.asFloatBuffer().get(f);
            case F16, BF16 -> {
                short[] h = new short[n];
                at.asShortBuffer().get(h);
                if (dt == DType.F16) for (int i = 0; i < n; i++) f[i] = DType.halfToFloat(h[i]);
                else for (int i = 0; i < n; i++) f[i] = Float.intBitsToFloat((h[i] & 0xffff) << 16);  // bf16 = top half of f32
            }
            case F64 -> { for (int i = 0; i < n; i++) f[i] = (float) at.getDouble(i * 8); }
            default -> {
                longs = new long[n];
                for (int i = 0; i < n; i++) { longs[i] = dt.longAt(at, i); f[i] = longs[i]; }
            }
        }
        return new Tensor(dt, info.shape(), f, longs);
    }

    /** True when a view with these strides is the row-major layout of its shape (size-1 axes may have any stride). */
    static boolean rowMajor(long[] shape, long[] stride) {
        long expect = 1;
        for (int k = shape.length - 1; k >= 0; k--) {
            if (shape[k] != 1 && stride[k] != expect) return false;
            expect *= shape[k];
        }
        return true;
    }

    /**
     * Elements of a strided view over a storage: element (i0, i1, ...) lives at {@code offset + Σ ik·stride[k]}
     * (in elements). The caller has checked that every such index lies inside the storage.
     */
    static Tensor gather(TensorInfo info, ByteBuffer storage, long offset, long[] stride) {
        long[] shape = info.shape();
        if (rowMajor(shape, stride)) return decode(info, storage, offset);     // the usual case: one bulk copy
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
