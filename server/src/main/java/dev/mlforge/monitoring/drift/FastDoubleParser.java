package dev.mlforge.monitoring.drift;

import java.nio.charset.StandardCharsets;

/**
 * Parses a decimal number from ASCII bytes without allocating in the common case: up to 15 significant digits and a
 * decimal exponent within ±22 are converted exactly (Clinger's fast path, correctly rounded like Python's float());
 * anything else falls back to {@link Double#parseDouble}. Returns NaN when the text is not a number; "inf",
 * "infinity" (any case, optional sign) give infinities.
 */
final class FastDoubleParser {
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private FastDoubleParser() {
    }

    static double parse(byte[] bytes, int start, int end) {
        while (start < end && bytes[start] == ' ') {
            start++;
        }
        while (end > start && bytes[end - 1] == ' ') {
            end--;
        }
        if (start == end) {
            return Double.NaN;
        }
        int i = start;
        boolean negative = false;
        if (bytes[i] == '-' || bytes[i] == '+') {
            negative = bytes[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int exponent = 0;
        boolean sawDigit = false;
        while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
            sawDigit = true;
            if (mantissa != 0 || bytes[i] != '0') {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (bytes[i] - '0');
                    digits++;
                } else {
                    exponent++;
                    digits++;
                }
            }
            i++;
        }
        if (i < end && bytes[i] == '.') {
            i++;
            while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
                sawDigit = true;
                if (mantissa != 0 || bytes[i] != '0') {
                    if (digits < 18) {
                        mantissa = mantissa * 10 + (bytes[i] - '0');
                        digits++;
                        exponent--;
                    } else {
                        digits++;
                    }
                } else {
                    exponent--;
                }
                i++;
            }
        }
        if (!sawDigit) {
            return special(bytes, start, end);
        }
        if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < end && (bytes[i] == '-' || bytes[i] == '+')) {
                negativeExponent = bytes[i] == '-';
                i++;
            }
            int exponentDigits = 0;
            int value = 0;
            while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
                if (value < 100000) {
                    value = value * 10 + (bytes[i] - '0');
                }
                exponentDigits++;
                i++;
            }
            if (exponentDigits == 0) {
                return Double.NaN;
            }
            exponent += negativeExponent ? -value : value;
        }
        if (i != end) {
            return Double.NaN;
        }
        if (digits <= 15 && exponent >= -22 && exponent <= 22) {
            double value = mantissa;
            value = exponent >= 0 ? value * POWERS_OF_TEN[exponent] : value / POWERS_OF_TEN[-exponent];
            return negative ? -value : value;
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        return Double.parseDouble(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
    }

    private static double special(byte[] bytes, int start, int end) {
        String text = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1).toLowerCase(
                java.util.Locale.ROOT);
        return switch (text) {
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.NaN;
        };
    }
}
