package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RunArtifactRoutesTest {
    private static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    String r1;
    String r2;
    String s3run;

    /**
     * Three real runs: {@code r1} as the server creates runs; {@code r2} and {@code s3run} with the artifact URIs a
     * store imported from MLflow can hold (the host form of the proxy URI, and a bucket this server does not serve).
     */
    @BeforeEach
    void start() {
        r1 = newRun(null);
        r2 = newRun(runId -> "mlflow-artifacts://tracking.example:5000/0/" + runId + "/artifacts");
        s3run = newRun(runId -> "s3://bucket/0/" + runId + "/artifacts");
        server.http().upload(PROXY + "/0/" + r1 + "/artifacts/model/MLmodel", "flavors: {}".getBytes(StandardCharsets.UTF_8)).ok();
        server.http().upload(PROXY + "/0/" + r1 + "/artifacts/model/model.onnx", new byte[] {1, 2, 3, 4}).ok();
        server.http().upload(PROXY + "/0/" + r1 + "/artifacts/metrics.json", "{}".getBytes(StandardCharsets.UTF_8)).ok();
        server.http().upload(PROXY + "/0/" + r2 + "/artifacts/only.txt", "r2".getBytes(StandardCharsets.UTF_8)).ok();
    }

    private String newRun(UnaryOperator<String> artifactUri) {
        String runId = server.http().post("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"0\"}").ok().json()
                .at("/run/info/run_id").asText();
        if (artifactUri != null) {
            server.application().database().write(handle -> handle.execute(
                    "UPDATE runs SET artifact_uri = ? WHERE run_uuid = ?", artifactUri.apply(runId), runId));
        }
        return runId;
    }

    @Test
    void lists_the_run_root_with_its_uri() {
        JsonNode body = server.http().get("/api/2.0/mlflow/artifacts/list?run_id=" + r1).json();
        assertThat(body.path("root_uri").asText()).isEqualTo("mlflow-artifacts:/0/" + r1 + "/artifacts");
        assertThat(body.path("files").toString()).isEqualTo(
                "[{\"path\":\"metrics.json\",\"is_dir\":false,\"file_size\":2},{\"path\":\"model\",\"is_dir\":true}]");
    }

    @Test
    void lists_a_sub_folder_with_paths_relative_to_the_run_root() {
        JsonNode body = server.http().get("/api/2.0/mlflow/artifacts/list?run_id=" + r1 + "&path=model&page_token=").json();
        assertThat(body.path("files").toString()).isEqualTo(
                "[{\"path\":\"model/MLmodel\",\"is_dir\":false,\"file_size\":11},{\"path\":\"model/model.onnx\",\"is_dir\":false,\"file_size\":4}]");
    }

    @Test
    void accepts_run_uuid_the_ajax_prefix_and_the_host_form_of_the_uri() {
        JsonNode body = server.http().get("/ajax-api/2.0/mlflow/artifacts/list?run_uuid=" + r2).json();
        assertThat(body.path("root_uri").asText()).isEqualTo("mlflow-artifacts://tracking.example:5000/0/" + r2 + "/artifacts");
        assertThat(body.path("files").get(0).path("path").asText()).isEqualTo("only.txt");
    }

    @Test
    void an_unknown_run_answers_404() {
        TestHttp.Response response = server.http().get("/api/2.0/mlflow/artifacts/list?run_id=nope");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void a_missing_run_id_answers_400_with_mlflows_message() {
        TestHttp.Response response = server.http().get("/api/2.0/mlflow/artifacts/list?path=model");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).startsWith("Missing value for required parameter 'run_id'");
    }

    @Test
    void a_run_stored_elsewhere_is_refused_rather_than_read() {
        TestHttp.Response response = server.http().get("/api/2.0/mlflow/artifacts/list?run_id=" + s3run);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains("Unsupported artifact URI");
    }

    @Test
    void get_artifact_streams_a_file_of_the_run() {
        TestHttp.Response response = server.http().get("/get-artifact?path=model/model.onnx&run_uuid=" + r1);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bytes()).containsExactly(1, 2, 3, 4);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(4);
        TestHttp.Response text = server.http().get("/ajax-api/2.0/mlflow/get-artifact?path=model/MLmodel&run_id=" + r1);
        assertThat(new String(text.bytes(), StandardCharsets.UTF_8)).isEqualTo("flavors: {}");
        assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    }

    @Test
    void get_artifact_needs_a_path_and_an_existing_file() {
        assertThat(server.http().get("/get-artifact?run_uuid=" + r1).status()).isEqualTo(400);
        TestHttp.Response missing = server.http().get("/get-artifact?path=nothing.txt&run_uuid=" + r1);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(server.http().get("/get-artifact?path=model/MLmodel&run_uuid=nope").status()).isEqualTo(404);
    }

    @Test
    void a_run_sees_only_its_own_artifacts() {
        assertThat(server.http().get("/get-artifact?path=only.txt&run_uuid=" + r1).status()).isEqualTo(404);
        assertThat(server.http().get("/get-artifact?path=only.txt&run_uuid=" + r2).status()).isEqualTo(200);
    }
}
