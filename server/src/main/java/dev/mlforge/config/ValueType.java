package dev.mlforge.config;

import java.util.List;
import java.util.Locale;

/** What a configuration key accepts: one rule per kind of value, used to validate and to document it. */
public sealed interface ValueType {

    /** What a valid value looks like, for messages and the README ({@code "1 to 4096"}). */
    String range();

    /** Whether {@code raw} (not blank) is a valid value. */
    boolean accepts(String raw);

    /** Any text. */
    static ValueType text() {
        return new Text();
    }

    /** A whole number in {@code [min, max]}; k, m and g suffixes (binary units) are accepted. */
    static ValueType whole(long min, long max) {
        return new WholeNumber(min, max);
    }

    /** A decimal number in {@code [min, max]}. */
    static ValueType decimal(double min, double max) {
        return new Decimal(min, max);
    }

    /** true/false (also yes/no, on/off, 1/0). */
    static ValueType flag() {
        return new Flag();
    }

    /** One of the given words, case-insensitively. */
    static ValueType oneOf(String... choices) {
        return new OneOf(List.of(choices));
    }

    record Text() implements ValueType {
        @Override
        public String range() {
            return "text";
        }

        @Override
        public boolean accepts(String raw) {
            return raw.indexOf('\0') < 0;
        }
    }

    record WholeNumber(long min, long max) implements ValueType {
        @Override
        public String range() {
            return "whole number, " + size(min) + " to " + size(max);
        }

        @Override
        public boolean accepts(String raw) {
            try {
                long value = parse(raw);
                return value >= min && value <= max;
            } catch (NumberFormatException | ArithmeticException e) {
                return false;
            }
        }

        /** 2147483648 as {@code 2g}: sizes read as they are written. */
        private static String size(long value) {
            for (String unit : new String[] {"g", "m", "k"}) {
                long factor = parse("1" + unit);
                if (value >= factor && value % factor == 0) {
                    return value / factor + unit;
                }
            }
            return String.valueOf(value);
        }

        /** Parses {@code 512}, {@code 16k}, {@code 8m}, {@code 1g} (binary units). */
        static long parse(String raw) {
            String lower = raw.trim().toLowerCase(Locale.ROOT);
            if (lower.isEmpty()) {
                throw new NumberFormatException("empty");
            }
            long factor = switch (lower.charAt(lower.length() - 1)) {
                case 'k' -> 1024L;
                case 'm' -> 1024L * 1024;
                case 'g' -> 1024L * 1024 * 1024;
                default -> 1L;
            };
            String digits = factor == 1 ? lower : lower.substring(0, lower.length() - 1);
            return Math.multiplyExact(Long.parseLong(digits), factor);
        }
    }

    record Decimal(double min, double max) implements ValueType {
        @Override
        public String range() {
            return "number, " + min + " to " + max;
        }

        @Override
        public boolean accepts(String raw) {
            try {
                double value = Double.parseDouble(raw.trim());
                return value >= min && value <= max;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    record Flag() implements ValueType {
        @Override
        public String range() {
            return "true or false";
        }

        @Override
        public boolean accepts(String raw) {
            return parse(raw) != null;
        }

        static Boolean parse(String raw) {
            return switch (raw.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> null;
            };
        }
    }

    record OneOf(List<String> choices) implements ValueType {
        public OneOf {
            choices = List.copyOf(choices);
        }

        @Override
        public String range() {
            return String.join(", ", choices);
        }

        @Override
        public boolean accepts(String raw) {
            return choices.stream().anyMatch(choice -> choice.equalsIgnoreCase(raw.trim()));
        }
    }
}
