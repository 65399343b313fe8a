package dev.mlforge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.ServerConfig;
import dev.mlforge.testing.ApplicationExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The application starts its features once the HTTP server listens, and closes everything it built, once. */
class ApplicationLifecycleTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().startOnFirstUse();

    @Test
    void a_start_that_fails_on_a_busy_port_closes_what_the_application_built() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ServerConfig config = ServerConfig.from(ConfigValues.of(Map.of("port", String.valueOf(busy.getLocalPort()),
                    "data-dir", tmp.toString())));
            Application app = new Application(config);
            int one = app.database().read(handle -> handle.createQuery("select 1").mapTo(Integer.class).one());
            assertThat(one).isEqualTo(1);

            assertThatThrownBy(app::start).isInstanceOf(RuntimeException.class);

            assertThatThrownBy(() -> app.database().read(handle -> handle.createQuery("select 1").mapTo(Integer.class).one()))
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void serves_every_feature_once_started_and_closes_twice_without_harm() throws Exception {
        Application app = server.application();
        HttpClient client = HttpClient.newHttpClient();
        for (String path : new String[] {"/api/2.0/mlflow/experiments/search?max_results=1",
                "/api/2.0/mlflow/registered-models/search", "/api/v1/deployments", "/api/v1/datasets", "/api/v1/monitors",
                "/api/v1/alert-rules", "/api/v1/pipelines/runs"}) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
        app.close();
        app.close();
        assertThatThrownBy(() -> app.database().read(handle -> handle.createQuery("select 1").mapTo(Integer.class).one()))
                .hasMessageContaining("closed");
    }
}
