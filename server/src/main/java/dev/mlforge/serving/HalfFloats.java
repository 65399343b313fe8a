package dev.mlforge.serving;

/**
 * Decodes the 16-bit floating-point formats a model may answer in, held as bit patterns in a {@code short[]}: IEEE 754
 * binary16 (FP16) and bfloat16 (BF16, the upper half of an FP32). Every value of both is exactly a float, so the
 * answer's JSON numbers are the values themselves, not their bits.
 */
final class HalfFloats {
    private HalfFloats() {}

    static float[] toFloats(DataType datatype, short[] bits) {
        float[] values = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            values[i] = datatype == DataType.BF16 ? bf16ToFloat(bits[i]) : fp16ToFloat(bits[i]);
        }
        return values;
    }

    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** binary16 to float (JDK 20's {@code Float.float16ToFloat}; the server targets 17). */
    static float fp16ToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | mantissa << 13);
        }
        if (exponent == 0) {
            // Zero or subnormal: mantissa x 2^-24, exact in a float.
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }
}
