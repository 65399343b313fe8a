package dev.mlforge.monitoring.alerts;

/**
 * Where a rule stands after the windows seen so far.
 *
 * @param status OK, PENDING (breaching, not yet long enough) or FIRING
 * @param consecutiveBreaches breaching windows in a row up to now
 */
public record AlertState(Status status, int consecutiveBreaches) {
    /** The state before any window. */
    public static final AlertState INITIAL = new AlertState(Status.OK, 0);

    /** The states of an alert rule. */
    public enum Status {
        OK, PENDING, FIRING
    }
}
