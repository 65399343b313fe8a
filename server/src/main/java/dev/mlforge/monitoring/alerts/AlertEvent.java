package dev.mlforge.monitoring.alerts;

/**
 * A change worth notifying: emitted once when a rule starts firing and once when it resolves, never repeated while
 * the state stays the same (deduplication).
 *
 * @param rule the rule name
 * @param kind fired or resolved
 * @param value the window value that caused the change
 * @param window the index of that window in the evaluated series
 */
public record AlertEvent(String rule, Kind kind, double value, long window) {
    /** The kinds of alert notification. */
    public enum Kind {
        FIRED, RESOLVED
    }
}
