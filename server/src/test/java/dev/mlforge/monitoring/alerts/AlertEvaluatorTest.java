package dev.mlforge.monitoring.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {
    private final AlertRule driftRule = new AlertRule("drift", "drift_share", Comparator.GREATER_OR_EQUAL, 0.5, 3);

    @Test
    void fires_only_after_the_required_consecutive_breaches() {
        AlertEvaluator.SeriesEvaluation result = AlertEvaluator.evaluateSeries(driftRule, AlertState.INITIAL,
                new double[] {0.6, 0.7, 0.2, 0.5, 0.9, 0.8}, 0);

        assertThat(result.events()).containsExactly(new AlertEvent("drift", AlertEvent.Kind.FIRED, 0.8, 5));
        assertThat(result.state()).isEqualTo(new AlertState(AlertState.Status.FIRING, 3));
    }

    @Test
    void pending_while_breaching_for_fewer_windows() {
        AlertEvaluator.Evaluation first = AlertEvaluator.evaluate(driftRule, AlertState.INITIAL, 0.9, 0);

        assertThat(first.state()).isEqualTo(new AlertState(AlertState.Status.PENDING, 1));
        assertThat(first.event()).isEmpty();
    }

    @Test
    void a_firing_alert_is_not_repeated_and_resolves_once() {
        AlertEvaluator.SeriesEvaluation result = AlertEvaluator.evaluateSeries(driftRule, AlertState.INITIAL,
                new double[] {0.6, 0.6, 0.6, 0.6, 0.6, 0.1, 0.1}, 10);

        assertThat(result.events()).containsExactly(
                new AlertEvent("drift", AlertEvent.Kind.FIRED, 0.6, 12),
                new AlertEvent("drift", AlertEvent.Kind.RESOLVED, 0.1, 15));
        assertThat(result.state()).isEqualTo(AlertState.INITIAL);
    }

    @Test
    void missing_windows_leave_the_state_unchanged() {
        AlertEvaluator.SeriesEvaluation result = AlertEvaluator.evaluateSeries(driftRule, AlertState.INITIAL,
                new double[] {0.6, Double.NaN, 0.6, Double.NaN, 0.6}, 0);

        assertThat(result.events()).extracting(AlertEvent::kind).containsExactly(AlertEvent.Kind.FIRED);
    }

    @Test
    void comparators_compare_as_written() {
        assertThat(Comparator.LESS_THAN.breaches(0.79, 0.8)).isTrue();
        assertThat(Comparator.LESS_THAN.breaches(0.8, 0.8)).isFalse();
        assertThat(Comparator.LESS_OR_EQUAL.breaches(0.8, 0.8)).isTrue();
        assertThat(Comparator.GREATER_THAN.breaches(0.8, 0.8)).isFalse();
        assertThat(Comparator.bySymbol(">=")).contains(Comparator.GREATER_OR_EQUAL);
        assertThat(Comparator.bySymbol("=>")).isEmpty();
    }

    @Test
    void an_accuracy_rule_fires_when_accuracy_drops() {
        AlertRule accuracy = new AlertRule("accuracy-low", "accuracy", Comparator.LESS_THAN, 0.8, 1);

        assertThat(AlertEvaluator.evaluate(accuracy, AlertState.INITIAL, 0.75, 3).event())
                .contains(new AlertEvent("accuracy-low", AlertEvent.Kind.FIRED, 0.75, 3));
    }

    @Test
    void invalid_rules_are_rejected_with_the_reason() {
        assertThatThrownBy(() -> new AlertRule("r", "m", Comparator.LESS_THAN, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new AlertRule("r", "m", Comparator.LESS_THAN, Double.NaN, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite threshold");
        assertThatThrownBy(() -> new AlertRule(" ", "m", Comparator.LESS_THAN, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }
}
