package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunArtifactRoutesTest {
    private static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts";

    @TempDir
    Path tmp;
    ArtifactTestServer server;

    @BeforeEach
    void start() {
        server = new ArtifactTestServer(tmp.resolve("artifacts"), Map.of(
                "r1", "mlflow-artifacts:/1/r1/artifacts",
                "r2", "mlflow-artifacts://tracking.example:5000/1/r2/artifacts",
                "s3run", "s3://bucket/1/s3run/artifacts"));
        server.put(PROXY + "/1/r1/artifacts/model/MLmodel", "flavors: {}".getBytes(StandardCharsets.UTF_8));
        server.put(PROXY + "/1/r1/artifacts/model/model.onnx", new byte[] {1, 2, 3, 4});
        server.put(PROXY + "/1/r1/artifacts/metrics.json", "{}".getBytes(StandardCharsets.UTF_8));
        server.put(PROXY + "/1/r2/artifacts/only.txt", "r2".getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void lists_the_run_root_with_its_uri() {
        JsonNode body = ArtifactTestServer.json(server.get("/api/2.0/mlflow/artifacts/list?run_id=r1"));
        assertThat(body.path("root_uri").asText()).isEqualTo("mlflow-artifacts:/1/r1/artifacts");
        assertThat(body.path("files").toString()).isEqualTo(
                "[{\"path\":\"metrics.json\",\"is_dir\":false,\"file_size\":2},{\"path\":\"model\",\"is_dir\":true}]");
    }

    @Test
    void lists_a_sub_folder_with_paths_relative_to_the_run_root() {
        JsonNode body = ArtifactTestServer.json(server.get("/api/2.0/mlflow/artifacts/list?run_id=r1&path=model&page_token="));
        assertThat(body.path("files").toString()).isEqualTo(
                "[{\"path\":\"model/MLmodel\",\"is_dir\":false,\"file_size\":11},{\"path\":\"model/model.onnx\",\"is_dir\":false,\"file_size\":4}]");
    }

    @Test
    void accepts_run_uuid_the_ajax_prefix_and_the_host_form_of_the_uri() {
        JsonNode body = ArtifactTestServer.json(server.get("/ajax-api/2.0/mlflow/artifacts/list?run_uuid=r2"));
        assertThat(body.path("root_uri").asText()).isEqualTo("mlflow-artifacts://tracking.example:5000/1/r2/artifacts");
        assertThat(body.path("files").get(0).path("path").asText()).isEqualTo("only.txt");
    }

    @Test
    void an_unknown_run_answers_404() {
        HttpResponse<byte[]> response = server.get("/api/2.0/mlflow/artifacts/list?run_id=nope");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(ArtifactTestServer.json(response).path("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void a_missing_run_id_answers_400_with_mlflows_message() {
        HttpResponse<byte[]> response = server.get("/api/2.0/mlflow/artifacts/list?path=model");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ArtifactTestServer.json(response).path("message").asText()).startsWith("Missing value for required parameter 'run_id'");
    }

    @Test
    void a_run_stored_elsewhere_is_refused_rather_than_read() {
        HttpResponse<byte[]> response = server.get("/api/2.0/mlflow/artifacts/list?run_id=s3run");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ArtifactTestServer.json(response).path("message").asText()).contains("Unsupported artifact URI");
    }

    @Test
    void get_artifact_streams_a_file_of_the_run() {
        HttpResponse<byte[]> response = server.get("/get-artifact?path=model/model.onnx&run_uuid=r1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsExactly(1, 2, 3, 4);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(4);
        HttpResponse<byte[]> text = server.get("/ajax-api/2.0/mlflow/get-artifact?path=model/MLmodel&run_id=r1");
        assertThat(new String(text.body(), StandardCharsets.UTF_8)).isEqualTo("flavors: {}");
        assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    }

    @Test
    void get_artifact_needs_a_path_and_an_existing_file() {
        assertThat(server.get("/get-artifact?run_uuid=r1").statusCode()).isEqualTo(400);
        HttpResponse<byte[]> missing = server.get("/get-artifact?path=nothing.txt&run_uuid=r1");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(ArtifactTestServer.json(missing).path("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(server.get("/get-artifact?path=model/MLmodel&run_uuid=nope").statusCode()).isEqualTo(404);
    }

    @Test
    void a_run_sees_only_its_own_artifacts() {
        assertThat(server.get("/get-artifact?path=only.txt&run_uuid=r1").statusCode()).isEqualTo(404);
        assertThat(server.get("/get-artifact?path=only.txt&run_uuid=r2").statusCode()).isEqualTo(200);
    }
}
