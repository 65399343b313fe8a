package dev.mlforge.monitoring.monitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronExpressionTest {

    @Test
    void gives_the_delay_to_the_next_matching_minute_in_utc() {
        CronExpression everyQuarter = CronExpression.parse("*/15 * * * *");

        assertThat(everyQuarter.delayAfter(Instant.parse("2026-11-24T06:07:30Z"))).contains(Duration.ofSeconds(7 * 60 + 30));
        assertThat(CronExpression.parse("0 2 * * *").delayAfter(Instant.parse("2026-11-24T03:00:00Z")))
                .contains(Duration.ofHours(23));
    }

    @Test
    void rejects_expressions_that_are_not_five_field_unix_cron() {
        assertThatThrownBy(() -> CronExpression.parse("0 0 * * * ?")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CronExpression.parse("61 * * * *")).isInstanceOf(IllegalArgumentException.class);
    }
}
