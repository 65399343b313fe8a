package dev.mlforge.ui.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Live traffic read from serving's meters: a rate between two reads a second or more apart, live traffic only. */
class LiveMetricsTest {
    /** The registry the server scrapes at /metrics, as the application builds it. */
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private Instant now = Instant.parse("2026-12-04T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LiveMetrics live = new LiveMetrics(registry, clock);

    private void serve(String deployment, String traffic, String outcome, int requests, long millis) {
        Counter counter = Counter.builder("mlforge_serving_requests").tags("deployment", deployment, "version", "1",
                "traffic", traffic, "outcome", outcome).register(registry);
        Timer timer = Timer.builder("mlforge_serving_request_duration").tags("deployment", deployment, "version", "1",
                "traffic", traffic).publishPercentileHistogram().register(registry);
        for (int i = 0; i < requests; i++) {
            counter.increment();
            timer.record(millis, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void the_first_read_has_totals_but_no_rate_and_the_next_one_a_second_later_has_both() {
        serve("fraud", "live", "ok", 10, 4);
        LiveMetrics.Live first = live.read("fraud");
        assertThat(first.totalRequests()).isEqualTo(10);
        assertThat(first.requestsPerSecond()).isNaN();

        serve("fraud", "live", "ok", 30, 8);
        serve("fraud", "live", "error", 10, 8);
        now = now.plus(Duration.ofSeconds(2));
        LiveMetrics.Live second = live.read("fraud");

        assertThat(second.requestsPerSecond()).isEqualTo(20.0);
        assertThat(second.meanLatencyMillis()).isEqualTo(8.0);
        assertThat(second.totalRequests()).isEqualTo(50);
        assertThat(second.failedRequests()).isEqualTo(10);
        assertThat(second.p95LatencyMillis()).isBetween(8.0, 10.0);
    }

    @Test
    void shadow_copies_and_other_deployments_are_not_counted() {
        serve("fraud", "live", "ok", 5, 1);
        serve("fraud", "shadow", "ok", 50, 1);
        serve("churn", "live", "ok", 70, 1);

        assertThat(live.read("fraud").totalRequests()).isEqualTo(5);
        assertThat(live.read("nothing").totalRequests()).isZero();
        assertThat(live.read("nothing").p95LatencyMillis()).isNaN();
    }
}
