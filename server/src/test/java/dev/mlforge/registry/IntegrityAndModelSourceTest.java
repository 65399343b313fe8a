package dev.mlforge.registry;

import static dev.mlforge.testing.LoggedModels.API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.app.RegistryModelSource;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.serving.ModelSource;
import dev.mlforge.serving.ResolvedModel;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IntegrityAndModelSourceTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    final LoggedModels logged = new LoggedModels(server);
    String run1;
    String run2;
    ModelSource models;

    @BeforeEach
    void start() {
        models = server.application().modelSource();
        run1 = logged.logModel();
        run2 = logged.logModel();
        logged.register("fraud", run1);
        logged.register("fraud", run2);
    }

    @Test
    void exposes_flavors_and_the_parsed_signature_on_the_version() {
        JsonNode version = server.http().get("/api/v1/registry/models/fraud/versions/1").ok().json().get("model_version");
        assertThat(version.get("version").asText()).isEqualTo("1");
        assertThat(version.get("current_stage").asText()).isEqualTo("None");
        assertThat(version.at("/flavors/onnx/data").asText()).isEqualTo("model.onnx");
        assertThat(version.at("/flavors/python_function/loader_module").asText()).isEqualTo("mlflow.onnx");
        assertThat(version.at("/signature/inputs/0/tensor-spec/dtype").asText()).isEqualTo("float32");
        assertThat(version.at("/signature/inputs/0/tensor-spec/shape/1").asInt()).isEqualTo(4);
        assertThat(version.at("/signature/outputs/0/tensor-spec/shape/1").asInt()).isEqualTo(3);
        assertThat(version.at("/signature/params").isNull()).isTrue();
        assertThat(server.application().registry().service().metadata("fraud", "2").flavors().has("onnx")).isTrue();
    }

    @Test
    void verify_reports_an_intact_version() {
        JsonNode report = server.http().get("/api/v1/registry/models/fraud/versions/1/verify").ok().json();
        assertThat(report.get("intact").asBoolean()).isTrue();
        assertThat(report.get("files_recorded").asInt()).isEqualTo(5);
    }

    @Test
    void verify_reports_modified_missing_and_added_files() throws Exception {
        Path model = server.dataDir().resolve("artifacts").resolve("0/" + run1 + "/artifacts/model");
        Files.write(model.resolve("model.onnx"), new byte[] {1, 2, 3});
        Files.delete(model.resolve("conda.yaml"));
        Files.writeString(model.resolve("backdoor.py"), "import os");
        JsonNode report = server.http().get("/api/v1/registry/models/fraud/versions/1/verify").ok().json();
        assertThat(report.get("intact").asBoolean()).isFalse();
        assertThat(report.get("modified")).extracting(JsonNode::asText).containsExactly("model.onnx");
        assertThat(report.get("missing")).extracting(JsonNode::asText).containsExactly("conda.yaml");
        assertThat(report.get("added")).extracting(JsonNode::asText).containsExactly("backdoor.py");
        assertThat(server.http().get("/api/v1/registry/models/fraud/versions/2/verify").json().get("intact").asBoolean()).isTrue();
    }

    @Test
    void resolves_version_alias_stage_latest_and_run_uris_to_the_model_directory() {
        Path first = server.dataDir().resolve("artifacts").resolve("0/" + run1 + "/artifacts/model");
        Path second = server.dataDir().resolve("artifacts").resolve("0/" + run2 + "/artifacts/model");
        server.http().post(API + "registered-models/alias", Map.of("name", "fraud", "alias", "champion", "version", "1")).ok();
        server.http().post(API + "model-versions/transition-stage", Map.of("name", "fraud", "version", "2", "stage", "Production",
                "archive_existing_versions", false)).ok();

        ResolvedModel byVersion = models.resolve("models:/fraud/1");
        assertThat(byVersion.directory()).isEqualTo(first);
        assertThat(byVersion.modelName()).isEqualTo("fraud");
        assertThat(byVersion.version()).isEqualTo("1");
        assertThat(Files.exists(byVersion.directory().resolve("MLmodel"))).isTrue();
        assertThat(models.resolve("models:/fraud@champion").version()).isEqualTo("1");
        assertThat(models.resolve("models:/fraud/Production").directory()).isEqualTo(second);
        assertThat(models.resolve("models:/fraud/production").version()).isEqualTo("2");
        assertThat(models.resolve("models:/fraud/latest").version()).isEqualTo("2");
        ResolvedModel run = models.resolve("runs:/" + run2 + "/model");
        assertThat(run.directory()).isEqualTo(second);
        assertThat(run.version()).isNull();
    }

    @Test
    void follows_an_alias_when_it_moves() {
        server.http().post(API + "registered-models/alias", Map.of("name", "fraud", "alias", "champion", "version", "1")).ok();
        assertThat(models.resolve("models:/fraud@champion").version()).isEqualTo("1");
        server.http().post(API + "registered-models/alias", Map.of("name", "fraud", "alias", "champion", "version", "2")).ok();
        assertThat(models.resolve("models:/fraud@champion").version()).isEqualTo("2");
    }

    @Test
    void refuses_a_tampered_version_with_resource_conflict_naming_the_version() {
        server.application().artifacts().write("0/" + run1 + "/artifacts/model/model.onnx",
                new ByteArrayInputStream("swapped weights".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> models.resolve("models:/fraud/1"))
                .isInstanceOfSatisfying(MlforgeException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_CONFLICT);
                    assertThat(e.getMessage()).contains("name=fraud, version=1").contains("model.onnx")
                            .doesNotContain(server.dataDir().toString());
                });
        assertThat(models.resolve("models:/fraud/2").version()).isEqualTo("2");
    }

    @Test
    void answers_not_found_and_invalid_parameter_for_bad_uris() {
        for (String uri : List.of("models:/absent/1", "models:/fraud/9", "models:/fraud@nobody", "models:/fraud/Staging")) {
            assertThatThrownBy(() -> models.resolve(uri)).as(uri).isInstanceOfSatisfying(MlforgeException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
        }
        for (String uri : List.of("s3://bucket/model", "models:/fraud", "models:/fraud/champion", "runs:/" + run1 + "/../../x", "")) {
            assertThatThrownBy(() -> models.resolve(uri)).as(uri).isInstanceOfSatisfying(MlforgeException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
        }
    }
}
