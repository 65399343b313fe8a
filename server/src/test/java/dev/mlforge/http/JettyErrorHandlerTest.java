package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests Jetty refuses before routing (illegal characters in the URI path) still get a JSON error body. */
class JettyErrorHandlerTest {
    private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();

    @Test
    void a_literal_backslash_in_the_path_answers_400_in_mlflows_error_shape() throws Exception {
        String response = rawGet(ARTIFACTS + "..\\secret");
        assertThat(response).startsWith("HTTP/1.1 400");
        JsonNode body = Json.mapper().readTree(body(response));
        assertThat(body.path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(body.path("message").asText()).contains("Illegal Path Character");
    }

    @Test
    void a_nul_byte_in_the_path_answers_400_in_json() throws Exception {
        String response = rawGet(ARTIFACTS + "a%00b");
        assertThat(response).startsWith("HTTP/1.1 400").contains("application/json");
        assertThat(Json.mapper().readTree(body(response)).path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void a_refused_upload_tells_the_client_the_connection_closes_so_a_pool_does_not_reuse_it() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.application().port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + ARTIFACTS + "a%00b HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nPWNED")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT))
                    .contains("connection: close");
        }
    }

    @Test
    void the_inference_protocol_paths_get_its_error_shape() throws Exception {
        JsonNode body = Json.mapper().readTree(body(rawGet("/v2/models/m\\x/infer")));
        assertThat(body.has("error")).isTrue();
        assertThat(body.has("error_code")).isFalse();
    }

    private String rawGet(String target) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.application().port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }
}
