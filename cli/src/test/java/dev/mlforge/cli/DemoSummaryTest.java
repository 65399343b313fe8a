package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo's summary points at the web UI's page of the experiment it made. */
class DemoSummaryTest {
    @Test
    void the_dashboard_is_the_experiments_page_of_the_demo_on_the_same_server() {
        assertThat(DemoSummary.dashboardUrl("http://127.0.0.1:5000", "3")).isEqualTo("http://127.0.0.1:5000/ui/experiments/3");
        assertThat(DemoSummary.dashboardUrl("http://127.0.0.1:5000/", "3")).isEqualTo("http://127.0.0.1:5000/ui/experiments/3");
        assertThat(DemoSummary.dashboardUrl("http://127.0.0.1:5000", null)).isEqualTo("http://127.0.0.1:5000/ui/experiments");
    }
}
