package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.app.Version;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SystemRoutesTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    private TestHttp.Response get(String path) {
        return server.http().get(path);
    }

    @Test
    void health_answers_ok_once_started_and_version_names_the_mlflow_api_and_version_mlforge_the_build() throws Exception {
        assertThat(get("/health").status()).isEqualTo(200);
        assertThat(get("/health").body()).isEqualTo("OK");
        // MLflow's clients parse /version as PEP 440 and export spans to /v1/traces only from 3.4 on.
        assertThat(get("/version").body()).isEqualTo("3.11.0").matches("3\\.(1\\d|[4-9])\\.\\d+");
        assertThat(get("/version/mlforge").body()).isEqualTo(Version.current()).isNotBlank();
    }

    @Test
    void liveness_and_readiness_answer_200_once_started() throws Exception {
        assertThat(get("/health/live").status()).isEqualTo(200);
        TestHttp.Response ready = get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("OK");
    }

    @Test
    void readiness_answers_503_when_the_database_does_not_answer_while_liveness_stays_200() throws Exception {
        assertThat(get("/health/ready").status()).isEqualTo(200);

        server.application().database().close();

        TestHttp.Response ready = get("/health/ready");
        assertThat(ready.status()).as("database closed").isEqualTo(503);
        assertThat(ready.body()).isEqualTo("the database does not answer");
        assertThat(get("/health/live").status()).isEqualTo(200);
    }

    @Test
    void unknown_mlflow_routes_answer_endpoint_not_found_in_mlflow_shape() throws Exception {
        TestHttp.Response response = get("/api/2.0/mlflow/no-such-thing");
        assertThat(response.status()).isEqualTo(404);
        JsonNode body = response.json();
        assertThat(body.get("error_code").asText()).isEqualTo("ENDPOINT_NOT_FOUND");
        assertThat(body.get("message").asText()).contains("/api/2.0/mlflow/no-such-thing");
    }

    @Test
    void unknown_inference_routes_answer_in_the_open_inference_protocol_shape() throws Exception {
        TestHttp.Response response = get("/v2/no-such-thing");
        assertThat(response.status()).isEqualTo(404);
        JsonNode body = response.json();
        assertThat(body.has("error")).isTrue();
        assertThat(body.has("error_code")).isFalse();
    }

    @Test
    void metrics_are_scraped_in_prometheus_text_format_with_jvm_metrics() throws Exception {
        TestHttp.Response response = get("/metrics");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(response.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void closing_the_application_releases_the_database_so_a_second_one_opens_the_same_data_dir() throws Exception {
        server.restart();
        assertThat(get("/health").status()).isEqualTo(200);
    }
}
