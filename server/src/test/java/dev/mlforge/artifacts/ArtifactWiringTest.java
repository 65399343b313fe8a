package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.app.Application;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.ServerConfig;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The artifact store and routes as the application wires them. */
class ArtifactWiringTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void stores_uploads_under_the_data_dir_by_default_and_shares_the_repository() throws Exception {
        try (Application app = new Application(ServerConfig.forDataDir(tmp)).start()) {
            HttpResponse<String> upload = send(app, "PUT", "/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/a.txt", "hello");
            assertThat(upload.statusCode()).isEqualTo(200);
            assertThat(Files.readString(tmp.resolve("artifacts/1/r/artifacts/a.txt"))).isEqualTo("hello");
            try (InputStream in = app.artifacts().read("1/r/artifacts/a.txt")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
            }
        }
    }

    @Test
    void stores_uploads_in_the_configured_destination() throws Exception {
        Path destination = tmp.resolve("elsewhere");
        ServerConfig config = ServerConfig.from(ConfigValues.of(Map.of(
                "data-dir", tmp.resolve("data").toString(), "port", "0", "artifacts-destination", destination.toUri().toString())));
        try (Application app = new Application(config).start()) {
            assertThat(send(app, "PUT", "/api/2.0/mlflow-artifacts/artifacts/x.bin", "x").statusCode()).isEqualTo(200);
            assertThat(destination.resolve("x.bin")).hasContent("x");
        }
    }

    @Test
    void answers_a_nul_byte_in_the_url_path_with_a_json_error() throws Exception {
        try (Application app = new Application(ServerConfig.forDataDir(tmp)).start()) {
            HttpResponse<String> response = send(app, "GET", "/api/2.0/mlflow-artifacts/artifacts/a%00b", null);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("\"error_code\":\"INVALID_PARAMETER_VALUE\"");
        }
    }

    private HttpResponse<String> send(Application app, String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
