package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlforge.api.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error bodies name neither the server's files nor the libraries' internals, whatever text the failure carried. */
class ErrorResponsesTest {
    @TempDir
    Path dataDir;

    private HttpServer server;
    private Path model;

    /** A wire value with an enum, for a real Jackson binding error. */
    record Rule(Kind kind) {
        enum Kind { ABOVE, BELOW }
    }

    @BeforeEach
    void start() throws Exception {
        model = Files.writeString(Files.createDirectories(dataDir.resolve("artifacts/1/abc")).resolve("model.onnx"), "garbage");
        server = new HttpServer("127.0.0.1", 0, 1 << 20, List.of(routes -> {
            routes.get("/unexpected", ctx -> {
                throw new IllegalStateException("cannot map " + model);
            });
            routes.get("/internal", ctx -> {
                throw new MlforgeException(ErrorCode.INTERNAL_ERROR, "Cannot load model " + model + " (file:" + model.toUri().getPath()
                        + "): protobuf parsing failed; upstream /api/2.0/mlflow/runs/get answered 404");
            });
            routes.get("/binding", ctx -> {
                try {
                    Json.mapper().readValue("{\"kind\": \"sideways\"}", Rule.class);
                } catch (JsonProcessingException e) {
                    throw MlforgeException.invalidParameter("Malformed rule: " + e.getMessage());
                }
            });
        })).start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void an_unexpected_exception_answers_its_type_only() throws Exception {
        RawHttp.Response response = RawHttp.get(server.port(), "/unexpected", "localhost");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().path("message").asText()).isEqualTo("Internal error: IllegalStateException");
    }

    @Test
    void a_server_error_names_the_file_but_not_where_it_lives() throws Exception {
        RawHttp.Response response = RawHttp.get(server.port(), "/internal", "localhost");

        String message = response.json().path("message").asText();
        assertThat(response.status()).isEqualTo(500);
        assertThat(message).doesNotContain(dataDir.toString()).doesNotContain(dataDir.toRealPath().toString())
                .contains("model.onnx").contains("protobuf parsing failed")
                .as("URL paths are not server paths").contains("/api/2.0/mlflow/runs/get");
    }

    @Test
    void a_jackson_binding_error_loses_its_source_description_and_java_type_names() throws Exception {
        RawHttp.Response response = RawHttp.get(server.port(), "/binding", "localhost");

        String message = response.json().path("message").asText();
        assertThat(response.status()).isEqualTo(400);
        assertThat(message).contains("sideways").contains("`Kind`")
                .doesNotContain("dev.mlforge").doesNotContain("Source").doesNotContain("REDACTED")
                .doesNotContain("reference chain");
    }
}
