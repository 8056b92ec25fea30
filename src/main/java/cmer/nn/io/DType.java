package cmer.nn.io;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Element types found in checkpoints, with their conversion to float32 done here in Java:
 * DJL's BF16 path aborts the JVM (STACK.md), so no BF16 or F16 bytes ever reach an NDArray.
 */
public enum DType {
    F64(8, true), F32(4, true), F16(2, true), BF16(2, true),
    I64(8, false), I32(4, false), I16(2, false), I8(1, false), U8(1, false), BOOL(1, false);

    private final int bytes;
    private final boolean floating;

    DType(int bytes, boolean floating) {
        this.bytes = bytes;
        this.floating = floating;
    }

    public int bytes() { return bytes; }

    public boolean isFloating() { return floating; }

    /** The safetensors spelling ("F32", "BF16", "I64", ...); null when unknown. */
    public static DType ofSafetensors(String s) {
        for (DType d : values()) if (d.name().equals(s)) return d;
        return null;
    }

    /** The dtype of a PyTorch storage class name ("FloatStorage", "BFloat16Storage", ...); null when unknown. */
    public static DType ofTorchStorage(String storageClass) {
        return switch (storageClass) {
            case "DoubleStorage" -> F64;
            case "FloatStorage" -> F32;
            case "HalfStorage" -> F16;
            case "BFloat16Storage" -> BF16;
            case "LongStorage" -> I64;
            case "IntStorage" -> I32;
            case "ShortStorage" -> I16;
            case "CharStorage" -> I8;
            case "ByteStorage" -> U8;
            case "BoolStorage" -> BOOL;
            default -> null;
        };
    }

    /** Reads element {@code i} of a little-endian buffer as float32, exactly as PyTorch's {@code .float()} would. */
    public float floatAt(ByteBuffer b, int i) {
        return switch (this) {
            case F64 -> (float) b.getDouble(i * 8);
            case F32 -> b.getFloat(i * 4);
            case F16 -> halfToFloat(b.getShort(i * 2));
            case BF16 -> Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);  // bf16 is the top half of a float32
            default -> (float) longAt(b, i);
        };
    }

    /** Reads element {@code i} as an integer (integer types only). */
    public long longAt(ByteBuffer b, int i) {
        return switch (this) {
            case I64 -> b.getLong(i * 8);
            case I32 -> b.getInt(i * 4);
            case I16 -> b.getShort(i * 2);
            case I8 -> b.get(i);
            case U8, BOOL -> b.get(i) & 0xff;
            default -> (long) floatAt(b, i);
        };
    }

    /**
     * IEEE 754 binary16 → binary32, exact (every half is a float). Java 17 has no Float.float16ToFloat
     * (it came in Java 20), so this is the textbook conversion, subnormals included.
     */
    public static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16, exp = (h >>> 10) & 0x1f, mant = h & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));    // inf / NaN
        if (exp != 0) return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
        float sub = mant * 0x1p-24f;                                                       // subnormal or zero
        return sign == 0 ? sub : -sub;
    }

    @Override
    public String toString() { return name().toLowerCase(Locale.ROOT); }
}
