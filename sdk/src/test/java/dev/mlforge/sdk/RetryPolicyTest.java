package dev.mlforge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000));

    @Test
    void backoff_doubles_with_at_most_a_quarter_of_jitter_and_is_capped() {
        for (int i = 0; i < 50; i++) {
            assertThat(policy.backoff(0, null).toMillis()).isBetween(100L, 125L);
            assertThat(policy.backoff(1, null).toMillis()).isBetween(200L, 250L);
            assertThat(policy.backoff(2, null).toMillis()).isBetween(400L, 500L);
            assertThat(policy.backoff(10, null).toMillis()).isEqualTo(1000L);
        }
    }

    @Test
    void a_longer_retry_after_wins_but_stays_under_the_cap() {
        assertThat(policy.backoff(0, Duration.ofMillis(700)).toMillis()).isEqualTo(700L);
        assertThat(policy.backoff(0, Duration.ofSeconds(30)).toMillis()).isEqualTo(1000L);
    }

    @Test
    void only_idempotent_calls_repeat_after_internal_errors() {
        assertThat(policy.retriesStatus(500, true)).isTrue();
        assertThat(policy.retriesStatus(500, false)).isFalse();
        assertThat(policy.retriesStatus(429, false)).isTrue();
        assertThat(policy.retriesStatus(503, false)).isTrue();
        assertThat(policy.retriesStatus(404, true)).isFalse();
        assertThat(policy.retriesStatus(400, true)).isFalse();
    }

    @Test
    void rejects_inconsistent_settings() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
