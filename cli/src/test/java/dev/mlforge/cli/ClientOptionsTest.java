package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.sdk.testing.ScriptedHttpServer;
import dev.mlforge.sdk.testing.ScriptedHttpServer.Answer;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientOptionsTest {
    private static String location(String flag, Map<String, String> environment) {
        ClientOptions options = new ClientOptions();
        options.trackingUri = flag;
        return options.location(environment).trackingUri();
    }

    @Test
    void flag_wins_over_both_environment_variables() {
        assertThat(location("http://flag:1",
                Map.of("MLFORGE_TRACKING_URI", "http://mlforge:2", "MLFLOW_TRACKING_URI", "http://mlflow:3")))
                .isEqualTo("http://flag:1");
    }

    @Test
    void mlforge_variable_wins_over_the_mlflow_one() {
        assertThat(location(null,
                Map.of("MLFORGE_TRACKING_URI", "http://mlforge:2", "MLFLOW_TRACKING_URI", "http://mlflow:3")))
                .isEqualTo("http://mlforge:2");
        assertThat(location(null, Map.of("MLFLOW_TRACKING_URI", "http://mlflow:3")))
                .isEqualTo("http://mlflow:3");
    }

    @Test
    void defaults_to_the_local_server() {
        assertThat(location(null, Map.of())).isEqualTo("http://127.0.0.1:5000");
        assertThat(location(" ", Map.of("MLFORGE_TRACKING_URI", ""))).isEqualTo("http://127.0.0.1:5000");
    }

    @Test
    void sends_credentials_from_the_environment_as_mlflow_clients_do() throws Exception {
        String experiment = "{\"experiment\":{\"experiment_id\":\"1\"}}";
        try (ScriptedHttpServer server = new ScriptedHttpServer(new Answer(200, experiment), new Answer(200, experiment),
                new Answer(200, experiment))) {
            ClientOptions options = new ClientOptions();
            options.trackingUri = server.url();
            options.location(Map.of("MLFLOW_TRACKING_TOKEN", "secret")).builder().build().experiments().get("1");
            options.location(Map.of("MLFLOW_TRACKING_USERNAME", "ann", "MLFLOW_TRACKING_PASSWORD", "pw")).builder().build().experiments().get("1");
            options.location(Map.of()).builder().build().experiments().get("1");

            assertThat(server.received()).extracting(ScriptedHttpServer.Received::authorization)
                    .containsExactly("Bearer secret", "Basic YW5uOnB3", null);
        }
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
