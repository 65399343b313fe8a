package dev.mlforge.registry;

import static dev.mlforge.testing.LoggedModels.API;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.serving.ModelSource;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MLflow 3's registry semantics on SQLite, checked against what MLflow 3.11's server answered its own client: prompt
 * handling in searches, prompts registered and loaded by alias, versions registered before their files, from
 * {@code models:/m-<id>} and from remote URIs.
 */
class MlflowThreeRegistryTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    final LoggedModels models = new LoggedModels(server);
    /** An MLflow ONNX model ONNX Runtime loads (the registry fixture's model.onnx is not a real model). */
    private static final Path SERVABLE_IRIS = Path.of("src/test/resources/serving/models/iris_mlflow");

    @Test
    void registry_searches_treat_prompts_as_mlflow_3_11_does() {
        MlflowThreeGolden.createSearchEntities(server);
        assertThat(MlflowThreeGolden.searchDifferences(server)).isEmpty();
    }

    @Test
    void the_3_11_clients_prompt_requests_get_mlflows_answers() {
        assertThat(MlflowThreeGolden.promptDifferences(server)).isEmpty();
    }

    @Test
    void refuses_local_and_climbing_prompt_sources() {
        server.http().post(API + "registered-models/create", Map.of("name", "p")).ok();
        for (String source : List.of("file:///etc/passwd", "/etc/passwd", "https://host/a/../../etc", "s3://b/%2e%2e/x")) {
            TestHttp.Response response = server.http().post(API + "model-versions/create", Map.of("name", "p", "source", source,
                    "tags", List.of(Map.of("key", "mlflow.prompt.is_prompt", "value", "true"))));
            assertThat(response.status()).as(source).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        }
    }

    @Test
    void registers_a_version_before_its_files_and_takes_the_manifest_when_they_arrive() {
        String run = server.http().post(API + "runs/create", Map.of("experiment_id", "0")).ok().json().at("/run/info/run_id").asText();
        server.http().post(API + "registered-models/create", Map.of("name", "late")).ok();
        JsonNode version = server.http().post(API + "model-versions/create", Map.of("name", "late",
                "source", "runs:/" + run + "/model")).ok().json().get("model_version");
        assertThat(version.get("run_id").asText()).isEqualTo(run);

        JsonNode pending = server.http().get("/api/v1/registry/models/late/versions/1/verify").ok().json();
        assertThat(pending.get("files_present").asBoolean()).isFalse();
        assertThat(pending.get("intact").asBoolean()).isFalse();
        ModelSource source = server.application().modelSource();
        assertThat(resolveError(source, "models:/late/1")).satisfies(e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_CONFLICT);
            assertThat(e.getMessage()).contains("no files in the artifact store yet").doesNotContain(server.dataDir().toString());
        });

        TestHttp.Response deploy = models.deploy("late-svc", "models:/late/1");
        assertThat(deploy.status()).isEqualTo(409);
        assertThat(deploy.body()).contains("no files in the artifact store yet").doesNotContain(server.dataDir().toString());

        models.upload(LoggedModels.irisOnnxDirectory(), LoggedModels.artifactRoot(run) + "/model");
        JsonNode taken = server.http().get("/api/v1/registry/models/late/versions/1/verify").ok().json();
        assertThat(taken.get("files_present").asBoolean()).isTrue();
        assertThat(taken.get("intact").asBoolean()).isTrue();
        assertThat(taken.get("files_recorded").asInt()).isEqualTo(5);
        assertThat(source.resolve("models:/late/1").version()).isEqualTo("1");
        assertThat(server.http().get("/api/v1/registry/models/late/versions/1").ok().json()
                .at("/model_version/flavors/onnx/data").asText()).isEqualTo("model.onnx");

        server.application().artifacts().write(LoggedModels.artifactRoot(run) + "/model/model.onnx",
                new ByteArrayInputStream("swapped".getBytes(StandardCharsets.UTF_8)));
        JsonNode tampered = server.http().get("/api/v1/registry/models/late/versions/1/verify").ok().json();
        assertThat(tampered.get("intact").asBoolean()).isFalse();
        assertThat(tampered.get("modified").toString()).contains("model.onnx");
    }

    @Test
    void registers_a_logged_model_and_downloads_from_its_artifacts() throws Exception {
        String modelId = loggedModelWithIrisFiles();
        server.http().post(API + "registered-models/create", Map.of("name", "from-logged")).ok();
        JsonNode version = server.http().post(API + "model-versions/create", Map.of("name", "from-logged",
                "source", "models:/" + modelId, "model_id", modelId)).ok().json().get("model_version");
        assertThat(version.get("source").asText()).isEqualTo("models:/" + modelId);
        assertThat(version.get("model_id").asText()).isEqualTo(modelId);
        server.http().post(API + "registered-models/create", Map.of("name", "second-home")).ok();
        server.http().post(API + "model-versions/create", Map.of("name", "second-home", "source", "models:/" + modelId,
                "model_id", modelId)).ok();
        JsonNode tags = server.http().get(API + "logged-models/" + modelId).ok().json().at("/model/info/tags");
        assertThat(tags.findValues("key").stream().map(JsonNode::asText)).contains("mlflow.modelVersions");
        assertThat(StreamSupport.stream(tags.spliterator(), false)
                .filter(tag -> tag.get("key").asText().equals("mlflow.modelVersions")).findFirst().orElseThrow()
                .get("value").asText())
                .as("MLflow's server lists the versions registered from a logged model in json.dumps' layout")
                .isEqualTo("[{\"name\": \"from-logged\", \"version\": 1}, {\"name\": \"second-home\", \"version\": 1}]");
        assertThat(server.http().get(API + "model-versions/get?name=from-logged&version=1").ok().json()
                .at("/model_version/model_id").asText()).isEqualTo(modelId);
        assertThat(server.http().get(API + "model-versions/get-download-uri?name=from-logged&version=1").ok().json()
                .get("artifact_uri").asText()).isEqualTo("mlflow-artifacts:/0/models/" + modelId + "/artifacts");
        assertThat(server.http().get("/api/v1/registry/models/from-logged/versions/1/verify").ok().json()
                .get("files_recorded").asInt()).isEqualTo(5);
        Path served = server.application().modelSource().resolve("models:/" + modelId).directory();
        try (Stream<Path> files = Files.list(served)) {
            assertThat(files.map(path -> path.getFileName().toString())).contains("MLmodel", "model.onnx");
        }
        assertThat(server.application().modelSource().resolve("models:/from-logged/1").directory()).isEqualTo(served);
    }

    @Test
    void registers_from_a_logged_model_as_mlflow_3_11_answered() {
        JsonNode golden = MlflowThreeGolden.fixture("mlflow3_logged_model_version.json");
        String modelId = loggedModelWithIrisFiles();
        assertThat(server.http().get(API + "logged-models/" + modelId).ok().json().at("/model/info/artifact_uri").asText())
                .isEqualTo(golden.get("logged_model_artifact_location").asText().replace("<model_id>", modelId));
        server.http().post(API + "registered-models/create", Map.of("name", "fromlm")).ok();
        String request = golden.at("/create/request").toString().replace("<model_id>", modelId);
        JsonNode created = server.http().send("POST", API + "model-versions/create", "application/json", request)
                .json(golden.at("/create/status").asInt()).get("model_version");
        JsonNode expected = golden.at("/create/response/model_version");
        for (String field : List.of("name", "version", "current_stage", "status")) {
            assertThat(created.get(field).asText()).as(field).isEqualTo(expected.get(field).asText());
        }
        assertThat(created.get("source").asText()).isEqualTo(expected.get("source").asText().replace("<model_id>", modelId));
        assertThat(server.http().get(API + "model-versions/get-download-uri?name=fromlm&version=1").ok().json()
                .get("artifact_uri").asText()).isEqualTo(golden.at("/get_download_uri/response/artifact_uri").asText()
                        .replace("<model_id>", modelId));
    }

    @Test
    void lineage_runs_from_the_run_through_its_logged_model_and_version_to_the_deployment() {
        String run = server.http().post(API + "runs/create", Map.of("experiment_id", "0")).ok().json().at("/run/info/run_id").asText();
        String modelId = loggedModel(Map.of("experiment_id", "0", "name", "model", "source_run_id", run), SERVABLE_IRIS);
        server.http().post(API + "registered-models/create", Map.of("name", "traced")).ok();
        server.http().post(API + "model-versions/create", Map.of("name", "traced", "source", "models:/" + modelId,
                "model_id", modelId)).ok();
        models.deploy("traced-svc", "models:/traced/1").ok();

        List<String> expectedEdges = List.of("run:" + run + " -logged-> logged_model:" + modelId,
                "logged_model:" + modelId + " -registered_as-> model:traced/1",
                "model:traced/1 -deployed_as-> deployment:traced-svc");
        JsonNode ofVersion = server.http().get("/api/v1/lineage?model=traced&version=1").ok().json();
        assertThat(edges(ofVersion)).containsExactlyInAnyOrderElementsOf(expectedEdges);
        JsonNode ofLoggedModel = server.http().get("/api/v1/lineage?logged_model_id=" + modelId).ok().json();
        assertThat(edges(ofLoggedModel)).containsExactlyInAnyOrderElementsOf(expectedEdges);
        assertThat(ofLoggedModel.get("nodes").findValuesAsText("type"))
                .containsExactlyInAnyOrder("logged_model", "run", "model_version", "deployment");

        String unregistered = loggedModel(Map.of("experiment_id", "0", "name", "alone", "source_run_id", run), SERVABLE_IRIS);
        assertThat(edges(server.http().get("/api/v1/lineage?logged_model_id=" + unregistered).ok().json()))
                .containsExactly("run:" + run + " -logged-> logged_model:" + unregistered);
        assertThat(server.http().get("/api/v1/lineage?logged_model_id=m-0123456789abcdef0123456789abcdef").status()).isEqualTo(404);
        assertThat(server.http().get("/api/v1/lineage?logged_model_id=" + modelId + "&model=traced").errorCode())
                .isEqualTo("INVALID_PARAMETER_VALUE");
    }

    private static List<String> edges(JsonNode graph) {
        List<String> edges = new ArrayList<>();
        graph.get("edges").forEach(edge -> edges.add(edge.get("from").asText() + " -" + edge.get("relation").asText() + "-> "
                + edge.get("to").asText()));
        return edges;
    }

    /** A logged model created as the MLflow 3 client does (in the default experiment), with the iris files uploaded. */
    private String loggedModelWithIrisFiles() {
        return loggedModel(Map.of("experiment_id", "0", "name", "model"), LoggedModels.irisOnnxDirectory());
    }

    private String loggedModel(Map<String, Object> create, Path files) {
        JsonNode info = server.http().post(API + "logged-models", create).ok().json().at("/model/info");
        String artifactUri = info.get("artifact_uri").asText();
        assertThat(artifactUri).startsWith("mlflow-artifacts:/");
        models.upload(files, artifactUri.substring("mlflow-artifacts:/".length()));
        return info.get("model_id").asText();
    }

    @Test
    void refuses_a_logged_model_that_does_not_exist_or_is_not_an_id() {
        server.http().post(API + "registered-models/create", Map.of("name", "m")).ok();
        for (String source : List.of("models:/m-0123456789abcdef0123456789abcdef", "models:/m-../../etc", "models:/m-%2e%2e")) {
            TestHttp.Response response = server.http().post(API + "model-versions/create", Map.of("name", "m", "source", source));
            assertThat(response.status()).as(source).isEqualTo(400);
            assertThat(response.body()).doesNotContain(server.dataDir().toString());
        }
        String run = server.http().post(API + "runs/create", Map.of("experiment_id", "0")).ok().json().at("/run/info/run_id").asText();
        TestHttp.Response unknownModelId = server.http().post(API + "model-versions/create", Map.of("name", "m",
                "source", "runs:/" + run + "/model", "model_id", "m-0123456789abcdef0123456789abcdef"));
        assertThat(unknownModelId.status()).isEqualTo(404);
        assertThat(server.http().get(API + "model-versions/get?name=m&version=1").status())
                .as("the refused request wrote no version").isEqualTo(404);
    }

    @Test
    void keeps_a_remote_source_as_written_and_reports_its_files_are_not_in_the_store() {
        server.http().post(API + "registered-models/create", Map.of("name", "remote")).ok();
        for (String source : List.of("s3://bucket/model", "hdfs://namenode/model", "ftp://host/model")) {
            server.http().post(API + "model-versions/create", Map.of("name", "remote", "source", source)).ok();
        }
        assertThat(server.http().get(API + "model-versions/get-download-uri?name=remote&version=1").ok().json()
                .get("artifact_uri").asText()).isEqualTo("s3://bucket/model");
        JsonNode report = server.http().get("/api/v1/registry/models/remote/versions/2/verify").ok().json();
        assertThat(report.get("files_present").asBoolean()).isFalse();
        assertThat(server.http().get("/ajax-api/2.0/mlflow/model-versions/get-artifact?name=remote&version=1&path=MLmodel").status())
                .isEqualTo(404);
        assertThat(server.http().get("/model-versions/get-artifact?name=remote&version=1&path=MLmodel").status()).isEqualTo(404);
    }

    private static MlforgeException resolveError(ModelSource source, String uri) {
        try {
            source.resolve(uri);
        } catch (MlforgeException e) {
            return e;
        }
        throw new AssertionError(uri + " resolved");
    }
}
