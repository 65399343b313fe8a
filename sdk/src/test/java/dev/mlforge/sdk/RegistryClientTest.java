package dev.mlforge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.registry.CreateRegisteredModelRequest;
import dev.mlforge.api.registry.ModelVersion;
import dev.mlforge.api.registry.RegisteredModel;
import dev.mlforge.api.registry.RegisteredModelAlias;
import dev.mlforge.api.registry.RegisteredModelTag;
import dev.mlforge.api.registry.SearchRegisteredModelsRequest;
import dev.mlforge.sdk.testing.ClientExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RegistryClientTest {
    @TempDir
    Path local;
    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    private MlforgeClient client;
    private RegistryClient registry;

    @BeforeEach
    void start() {
        client = server.client();
        registry = client.registry();
    }

    /** A run that logged a model directory with an MLmodel file under {@code model/}. */
    private String runWithModel() throws Exception {
        Path model = Files.createDirectories(local.resolve("model"));
        Files.writeString(model.resolve("MLmodel"), "flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n");
        try (ActiveRun run = client.startRun("registry-test")) {
            run.logArtifact(model, "model");
            return run.runId();
        }
    }

    @Test
    void creates_gets_renames_searches_and_deletes_models() {
        registry.createModel(new CreateRegisteredModelRequest("churn", List.of(new RegisteredModelTag("team", "risk")), "desc"));
        registry.createModel("fraud");

        RegisteredModel churn = registry.getModel("churn");
        assertThat(churn.description()).isEqualTo("desc");
        assertThat(churn.tags()).containsExactly(new RegisteredModelTag("team", "risk"));
        assertThat(registry.renameModel("fraud", "fraud-v2").name()).isEqualTo("fraud-v2");
        assertThat(registry.searchModels(new SearchRegisteredModelsRequest("name LIKE 'fraud%'", null, null, null))
                .registeredModels()).extracting(RegisteredModel::name).containsExactly("fraud-v2");
        assertThat(registry.searchAllModels(null, List.of("name DESC")).map(RegisteredModel::name))
                .containsExactly("fraud-v2", "churn");

        registry.deleteModel("churn");
        assertThatThrownBy(() -> registry.getModel("churn"))
                .isInstanceOfSatisfying(MlforgeClientException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.is(ErrorCode.RESOURCE_DOES_NOT_EXIST)).isTrue();
                });
    }

    @Test
    void registers_run_models_as_numbered_versions_and_moves_stages_and_aliases() throws Exception {
        String runId = runWithModel();
        registry.createModel("churn");

        ModelVersion first = registry.registerRunModel("churn", runId, "model");
        ModelVersion second = registry.registerRunModel("churn", runId, "model");
        assertThat(first.version()).isEqualTo("1");
        assertThat(second.version()).isEqualTo("2");
        assertThat(first.runId()).isEqualTo(runId);
        assertThat(first.source()).isEqualTo(client.runs().get(runId).info().artifactUri() + "/model");

        assertThat(registry.transitionStage("churn", "1", "production", false).currentStage()).isEqualTo("Production");
        registry.transitionStage("churn", "2", "Production", true);
        assertThat(registry.getVersion("churn", "1").currentStage()).isEqualTo("Archived");

        registry.setAlias("churn", "champion", "2");
        assertThat(registry.getVersionByAlias("churn", "champion").version()).isEqualTo("2");
        assertThat(registry.getModel("churn").aliases()).containsExactly(new RegisteredModelAlias("champion", "2"));
        registry.deleteAlias("churn", "champion");
        assertThatThrownBy(() -> registry.getVersionByAlias("churn", "champion"))
                .isInstanceOf(MlforgeClientException.class);

        assertThat(registry.searchAllVersions("name = 'churn'", List.of("version_number DESC")).map(ModelVersion::version))
                .containsExactly("2", "1");
    }

    @Test
    void downloads_the_files_of_a_version() throws Exception {
        String runId = runWithModel();
        registry.createModel("churn");
        registry.registerRunModel("churn", runId, "model");

        assertThat(registry.downloadUri("churn", "1")).startsWith("mlflow-artifacts:/");
        Path dest = registry.downloadVersion("churn", "1", local.resolve("served"), ProgressListener.NONE);

        assertThat(Files.readString(dest.resolve("MLmodel"))).contains("loader_module: mlflow.sklearn");
    }

    /** As in MLflow, a version may be registered before its files are uploaded; verify then says they are missing. */
    @Test
    void registering_a_path_the_run_has_not_logged_yet_is_accepted_and_verify_says_so() throws Exception {
        String runId = runWithModel();
        registry.createModel("churn");
        assertThat(registry.registerRunModel("churn", runId, "not-yet").version()).isEqualTo("1");
        assertThat(registry.verify("churn", "1").filesPresent()).isFalse();
        assertThat(registry.verify("churn", "1").intact()).isFalse();
    }
}
