package dev.mlforge.serving;

/**
 * Writes a float as the shortest decimal that reads back as the same float, in the text of {@code Float.toString}
 * of JDK 19+ and of Jackson's fast writer ({@code "0.25"}, {@code "1.0"}, {@code "-3.1415927"}), without allocating:
 * the prediction log writes every logged input and output value this way, and Jackson's writer (a new formatter, byte
 * array and String per value) was most of the log writer thread's Java time.
 *
 * <p>Only the plain notation range {@code 1e-3 <= |v| < 1e7} and zero are handled here; {@link #append} declines the
 * rest (scientific notation, NaN, infinities) so the caller uses the library. In that range a float has at most 9
 * significant digits, so for each count {@code k} of fraction digits, from 0 up, the candidates are the integers next
 * to {@code v * 10^k} and the rounding interval of {@code v} (halfway to its neighbours, ends included when the
 * significand is even, as parsing rounds half to even) scaled by {@code 10^k}: every product is exact in a double
 * (a float's 24 bits plus two for the halfway points, times {@code 5^k} of at most 26 bits). The first {@code k} with
 * a candidate inside gives the shortest decimal; the closer candidate wins, as it does in the Schubfach algorithm.
 */
final class ShortestFloat {
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11};
    private static final long[] LONG_POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
            10_000_000L, 100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L};

    private ShortestFloat() {}

    /** Appends {@code value} and answers true, or answers false (appending nothing) when it is not handled here. */
    static boolean append(StringBuilder out, float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7FFF_FFFF) == 0) {
            out.append(bits == 0 ? "0.0" : "-0.0");
            return true;
        }
        float magnitude = Math.abs(value);
        if (!(magnitude >= 1e-3f && magnitude < 1e7f)) {
            return false;
        }
        double exact = magnitude;
        double low = (exact + Math.nextDown(magnitude)) / 2;
        double high = (exact + Math.nextUp(magnitude)) / 2;
        boolean endsIncluded = (bits & 1) == 0;
        for (int k = 0; k < POWERS_OF_TEN.length; k++) {
            double scale = POWERS_OF_TEN[k];
            double scaled = exact * scale;
            double lowScaled = low * scale;
            double highScaled = high * scale;
            double below = Math.floor(scaled);
            double above = below == scaled ? below : below + 1;
            boolean belowInside = endsIncluded ? below >= lowScaled : below > lowScaled;
            boolean aboveInside = endsIncluded ? above <= highScaled : above < highScaled;
            if (belowInside || aboveInside) {
                double chosen;
                if (belowInside && aboveInside && below != above) {
                    double toBelow = scaled - below;
                    double toAbove = above - scaled;
                    chosen = toBelow < toAbove ? below : toAbove < toBelow ? above : ((long) below & 1) == 0 ? below : above;
                } else {
                    chosen = belowInside ? below : above;
                }
                write(out, value < 0, (long) chosen, k);
                return true;
            }
        }
        return false;
    }

    /** Writes {@code digits * 10^-fractionDigits} as {@code [-]integer.fraction}, the fraction at least one digit. */
    private static void write(StringBuilder out, boolean negative, long digits, int fractionDigits) {
        if (negative) {
            out.append('-');
        }
        long unit = LONG_POWERS_OF_TEN[fractionDigits];
        out.append(digits / unit).append('.');
        if (fractionDigits == 0) {
            out.append('0');
            return;
        }
        long fraction = digits % unit;
        for (long place = unit / 10; place > fraction && place > 1; place /= 10) {
            out.append('0');
        }
        out.append(fraction);
    }
}
