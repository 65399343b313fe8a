package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A page on another site that frames mlforge's UI could trick a user into clicking through it (clickjacking): every
 * answer says {@code X-Frame-Options: SAMEORIGIN} by default, as MLflow 3.5+'s server does (recorded from MLflow
 * 3.11: API answers and the UI root both carry it), and the {@code x-frame-options} key changes or removes it.
 */
class ClickjackingHeaderTest {

    @Nested
    class ByDefault {
        @RegisterExtension
        final ApplicationExtension server = ApplicationExtension.sqlite();

        @Test
        void api_answers_errors_and_the_ui_say_sameorigin() {
            for (TestHttp.Response response : new TestHttp.Response[] {
                    server.http().get("/api/2.0/mlflow/experiments/search?max_results=1"),
                    server.http().get("/api/2.0/mlflow/experiments/get?experiment_id=404"),
                    server.http().get("/")}) {
                assertThat(response.header("X-Frame-Options")).as(response.body()).contains("SAMEORIGIN");
                assertThat(response.header("X-Content-Type-Options")).contains("nosniff");
            }
        }
    }

    @Nested
    class Deny {
        @RegisterExtension
        final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("x-frame-options", "deny");

        @Test
        void says_deny_in_upper_case() {
            assertThat(server.http().get("/api/2.0/mlflow/experiments/search?max_results=1").header("X-Frame-Options"))
                    .contains("DENY");
        }
    }

    @Nested
    class None {
        @RegisterExtension
        final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("x-frame-options", "NONE");

        @Test
        void sends_no_header() {
            assertThat(server.http().get("/api/2.0/mlflow/experiments/search?max_results=1").header("X-Frame-Options")).isEmpty();
        }
    }

    @Nested
    class SecurityMiddlewareOff {
        @RegisterExtension
        final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("disable-security-middleware", "true");

        @Test
        void sends_no_header_as_mlflow_does() {
            assertThat(server.http().get("/api/2.0/mlflow/experiments/search?max_results=1").header("X-Frame-Options")).isEmpty();
        }
    }
}
