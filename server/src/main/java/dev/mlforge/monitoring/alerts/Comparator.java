package dev.mlforge.monitoring.alerts;

import java.util.Locale;

/** How an alert rule compares a monitored value with its threshold. */
public enum Comparator {
    GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

    private final String symbol;

    Comparator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Accepts the symbol ({@code >=}) or the name ({@code ge}, {@code GE}); null when neither. */
    static Comparator parse(String text) {
        for (Comparator comparator : values()) {
            if (comparator.symbol.equals(text) || comparator.name().equals(text.toUpperCase(Locale.ROOT))) {
                return comparator;
            }
        }
        return null;
    }

    boolean breached(double value, double threshold) {
        return switch (this) {
            case GT -> value > threshold;
            case GE -> value >= threshold;
            case LT -> value < threshold;
            case LE -> value <= threshold;
            case EQ -> value == threshold;
            case NE -> value != threshold;
        };
    }
}
