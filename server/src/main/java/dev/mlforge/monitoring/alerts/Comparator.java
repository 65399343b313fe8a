package dev.mlforge.monitoring.alerts;

import java.util.Arrays;
import java.util.Optional;

/** How a window's value is compared with a rule's threshold; a true comparison is a breach. */
public enum Comparator {
    GREATER_THAN(">"), GREATER_OR_EQUAL(">="), LESS_THAN("<"), LESS_OR_EQUAL("<=");

    private final String symbol;

    Comparator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code value} breaches {@code threshold}; NaN never breaches. */
    public boolean breaches(double value, double threshold) {
        return switch (this) {
            case GREATER_THAN -> value > threshold;
            case GREATER_OR_EQUAL -> value >= threshold;
            case LESS_THAN -> value < threshold;
            case LESS_OR_EQUAL -> value <= threshold;
        };
    }

    /** The comparator written as {@code >}, {@code >=}, {@code <} or {@code <=}. */
    public static Optional<Comparator> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(comparator -> comparator.symbol.equals(symbol)).findFirst();
    }
}
