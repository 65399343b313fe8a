package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ArtifactRoutesTest {
    private static final String API = "/api/2.0/mlflow-artifacts/artifacts";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    @Test
    void uploads_and_downloads_binary_bytes_exactly() {
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(bytes);

        TestHttp.Response upload = server.http().upload(API + "/1/run/artifacts/model/weights.bin", bytes);
        assertThat(upload.status()).isEqualTo(200);
        assertThat(upload.json().size()).isZero();

        TestHttp.Response download = server.http().get(API + "/1/run/artifacts/model/weights.bin");
        assertThat(download.status()).isEqualTo(200);
        assertThat(sha256(download.bytes())).isEqualTo(sha256(bytes));
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(bytes.length);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                value -> assertThat(value).startsWith("attachment; filename=\"weights.bin\""));
    }

    @Test
    void an_upload_larger_than_the_json_request_limit_is_accepted() {
        byte[] bytes = new byte[20 * 1024 * 1024]; // the JSON limit (max-request-size) is 16 MB by default
        new Random(1).nextBytes(bytes);
        assertThat(server.http().upload(API + "/big.bin", bytes).status()).isEqualTo(200);
        assertThat(sha256(server.http().get(API + "/big.bin").bytes())).isEqualTo(sha256(bytes));
    }

    @Test
    void an_upload_replaces_the_previous_content() {
        server.http().upload(API + "/notes.txt", "first".getBytes(StandardCharsets.UTF_8));
        server.http().upload(API + "/notes.txt", "second".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(server.http().get(API + "/notes.txt").bytes(), StandardCharsets.UTF_8)).isEqualTo("second");
    }

    @Test
    void guesses_the_content_type_as_mlflow_does() {
        for (String name : List.of("MLmodel", "conda.yaml", "metrics.json", "data.csv", "plot.png")) {
            server.http().upload(API + "/run/" + name, new byte[] {1, 2, 3});
        }
        assertThat(contentType("/run/MLmodel")).isEqualTo("text/plain");
        assertThat(contentType("/run/conda.yaml")).isEqualTo("text/plain");
        assertThat(contentType("/run/metrics.json")).isEqualTo("text/plain");
        assertThat(contentType("/run/data.csv")).isEqualTo("text/plain");
        assertThat(contentType("/run/plot.png")).isEqualTo("image/png");
    }

    @Test
    void lists_nested_directories_with_names_relative_to_the_listed_folder() {
        server.http().upload(API + "/run/a/b/c.txt", bytes("ccc"));
        server.http().upload(API + "/run/a/d.txt", bytes("dd"));
        server.http().upload(API + "/run/e.txt", bytes("e"));

        assertThat(listing("run")).isEqualTo(List.of(
                Map.of("path", "a", "is_dir", true),
                Map.of("path", "e.txt", "is_dir", false, "file_size", 1)));
        assertThat(listing("run/a")).isEqualTo(List.of(
                Map.of("path", "b", "is_dir", true),
                Map.of("path", "d.txt", "is_dir", false, "file_size", 2)));
        assertThat(listing("run/a/b")).isEqualTo(List.of(Map.of("path", "c.txt", "is_dir", false, "file_size", 3)));
    }

    @Test
    void lists_the_root_without_a_path_and_nothing_for_a_missing_folder() {
        server.http().upload(API + "/run/e.txt", bytes("e"));
        JsonNode root = server.http().get(API).json();
        assertThat(root.path("files")).hasSize(1);
        assertThat(root.path("files").get(0).path("path").asText()).isEqualTo("run");
        assertThat(listing("missing")).isEmpty();
    }

    @Test
    void deletes_a_file_and_a_folder_and_answers_empty_json() {
        server.http().upload(API + "/run/a/d.txt", bytes("dd"));
        server.http().upload(API + "/run/e.txt", bytes("e"));

        TestHttp.Response deleted = server.http().delete(API + "/run/e.txt");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().size()).isZero();
        assertThat(server.http().delete(API + "/run/a").status()).isEqualTo(200);

        assertThat(server.http().get(API + "/run/e.txt").status()).isEqualTo(404);
        assertThat(server.http().get(API + "/run/a/d.txt").status()).isEqualTo(404);
        assertThat(listing("run")).isEmpty();
    }

    @Test
    void deleting_a_missing_artifact_is_idempotent() {
        assertThat(server.http().delete(API + "/never/there.txt").status()).isEqualTo(200);
    }

    @Test
    void a_missing_file_answers_404_resource_does_not_exist() {
        TestHttp.Response response = server.http().get(API + "/no/such/file.txt");
        assertThat(response.status()).isEqualTo(404);
        JsonNode json = response.json();
        assertThat(json.path("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(json.path("message").asText()).contains("no/such/file.txt");
    }

    @Test
    void downloading_a_folder_is_refused() {
        server.http().upload(API + "/run/a/d.txt", bytes("dd"));
        TestHttp.Response response = server.http().get(API + "/run/a");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void serves_the_same_api_under_ajax_api() {
        String ajax = "/ajax-api/2.0/mlflow-artifacts/artifacts";
        assertThat(server.http().upload(ajax + "/ui/x.txt", bytes("x")).status()).isEqualTo(200);
        assertThat(new String(server.http().get(ajax + "/ui/x.txt").bytes(), StandardCharsets.UTF_8)).isEqualTo("x");
        assertThat(server.http().get(ajax + "?path=ui").json().path("files")).hasSize(1);
        assertThat(server.http().delete(ajax + "/ui/x.txt").status()).isEqualTo(200);
        assertThat(server.http().get(API + "/ui/x.txt").status()).isEqualTo(404);
    }

    @Test
    void keeps_names_with_spaces_and_unicode() {
        assertThat(server.http().upload(API + "/run/my%20model%20%C3%A9t%C3%A9.txt", bytes("ok")).status()).isEqualTo(200);
        assertThat(listing("run")).extracting(entry -> entry.get("path")).containsExactly("my model été.txt");
        assertThat(new String(server.http().get(API + "/run/my%20model%20%C3%A9t%C3%A9.txt").bytes(), StandardCharsets.UTF_8)).isEqualTo("ok");
    }

    @Test
    void an_upload_cut_off_mid_stream_leaves_no_file_under_the_final_name() throws IOException {
        Path folder = server.dataDir().resolve("artifacts/run");
        try (Socket socket = new Socket("127.0.0.1", server.application().port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + API + "/run/model.bin HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: 104857600\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1024 * 1024];
            for (int i = 0; i < 4; i++) {
                out.write(chunk);
            }
            out.flush();
            // The server is streaming into a temporary file next to the target: the upload is under way.
            await().atMost(Duration.ofSeconds(10)).until(() -> temporaryFiles(folder).size() == 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> temporaryFiles(folder).isEmpty());
        assertThat(folder.resolve("model.bin")).doesNotExist();
        assertThat(server.http().get(API + "/run/model.bin").status()).isEqualTo(404);
        assertThat(listing("run")).isEmpty();
    }

    private static List<Path> temporaryFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith(LocalArtifactRepository.TEMP_PREFIX)).toList();
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> listing(String path) {
        TestHttp.Response response = server.http().get(API + "?path=" + path);
        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> body = dev.mlforge.http.Json.mapper().convertValue(response.json(), Map.class);
        return (List<Map<String, Object>>) body.get("files");
    }

    private String contentType(String path) {
        return server.http().get(API + path).headers().firstValue("Content-Type").orElseThrow();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
