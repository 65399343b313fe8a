package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientOptionsTest {
    @Test
    void flag_wins_over_both_environment_variables() {
        assertThat(ClientOptions.resolveTrackingUri("http://flag:1",
                Map.of("MLFORGE_TRACKING_URI", "http://mlforge:2", "MLFLOW_TRACKING_URI", "http://mlflow:3")))
                .isEqualTo("http://flag:1");
    }

    @Test
    void mlforge_variable_wins_over_the_mlflow_one() {
        assertThat(ClientOptions.resolveTrackingUri(null,
                Map.of("MLFORGE_TRACKING_URI", "http://mlforge:2", "MLFLOW_TRACKING_URI", "http://mlflow:3")))
                .isEqualTo("http://mlforge:2");
        assertThat(ClientOptions.resolveTrackingUri(null, Map.of("MLFLOW_TRACKING_URI", "http://mlflow:3")))
                .isEqualTo("http://mlflow:3");
    }

    @Test
    void defaults_to_the_local_server() {
        assertThat(ClientOptions.resolveTrackingUri(null, Map.of())).isEqualTo("http://127.0.0.1:5000");
        assertThat(ClientOptions.resolveTrackingUri(" ", Map.of("MLFORGE_TRACKING_URI", ""))).isEqualTo("http://127.0.0.1:5000");
    }

    @Test
    void unreachable_server_is_one_error_line() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliFixture.Result result = CliFixture.runRaw("runs", "get", "abc", "--tracking-uri", "http://127.0.0.1:" + port);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err().strip()).startsWith("error: cannot connect to http://127.0.0.1:" + port);
        assertThat(result.err().strip().lines()).hasSize(1);
    }

    @Test
    void invalid_tracking_uri_is_one_error_line() {
        CliFixture.Result result = CliFixture.runRaw("experiments", "list", "--tracking-uri", "ftp://host");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err().strip()).startsWith("error: tracking URI 'ftp://host' must be an http:// or https:// URL");
    }
}
