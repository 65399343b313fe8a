package dev.mlforge.monitoring.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates alert rules window by window, as a pure state machine: OK -> PENDING while breaching for fewer than the
 * required windows, -> FIRING (one FIRED event) once enough consecutive windows breach, back to OK (one RESOLVED
 * event) at the first window that does not breach. A NaN value means "no data" and leaves the state unchanged.
 */
public final class AlertEvaluator {
    private AlertEvaluator() {
    }

    /**
     * The state after one more window, and the event it triggers, if any.
     *
     * @param window the window's index, copied into the event
     */
    public static Evaluation evaluate(AlertRule rule, AlertState state, double value, long window) {
        if (Double.isNaN(value)) {
            return new Evaluation(state, Optional.empty());
        }
        if (!rule.breachedBy(value)) {
            Optional<AlertEvent> event = state.status() == AlertState.Status.FIRING
                    ? Optional.of(new AlertEvent(rule.name(), AlertEvent.Kind.RESOLVED, value, window))
                    : Optional.empty();
            return new Evaluation(AlertState.INITIAL, event);
        }
        int breaches = state.consecutiveBreaches() == Integer.MAX_VALUE ? Integer.MAX_VALUE
                : state.consecutiveBreaches() + 1;
        if (breaches < rule.consecutiveWindows()) {
            return new Evaluation(new AlertState(AlertState.Status.PENDING, breaches), Optional.empty());
        }
        Optional<AlertEvent> event = state.status() == AlertState.Status.FIRING ? Optional.empty()
                : Optional.of(new AlertEvent(rule.name(), AlertEvent.Kind.FIRED, value, window));
        return new Evaluation(new AlertState(AlertState.Status.FIRING, breaches), event);
    }

    /** Evaluates a series of windows from {@code state}; window indexes start at {@code firstWindow}. */
    public static SeriesEvaluation evaluateSeries(AlertRule rule, AlertState state, double[] values,
            long firstWindow) {
        List<AlertEvent> events = new ArrayList<>();
        AlertState current = state;
        for (int i = 0; i < values.length; i++) {
            Evaluation evaluation = evaluate(rule, current, values[i], firstWindow + i);
            current = evaluation.state();
            evaluation.event().ifPresent(events::add);
        }
        return new SeriesEvaluation(current, events);
    }

    /**
     * The outcome of one window.
     *
     * @param state the new state
     * @param event the notification to send, if the state changed to firing or resolved
     */
    public record Evaluation(AlertState state, Optional<AlertEvent> event) {
    }

    /**
     * The outcome of a series of windows.
     *
     * @param state the final state
     * @param events the notifications, in order
     */
    public record SeriesEvaluation(AlertState state, List<AlertEvent> events) {
        public SeriesEvaluation {
            events = List.copyOf(events);
        }
    }
}
