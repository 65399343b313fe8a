package dev.mlforge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.registry.ApprovalRule;
import dev.mlforge.api.registry.Lineage;
import dev.mlforge.api.registry.ModelVersionDetails;
import dev.mlforge.api.registry.TransitionRequest;
import dev.mlforge.api.registry.VersionHistory;
import dev.mlforge.api.registry.VersionVerification;
import dev.mlforge.api.tracking.Dataset;
import dev.mlforge.api.tracking.DatasetInput;
import dev.mlforge.api.tracking.InputTag;
import dev.mlforge.sdk.testing.ClientExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RegistryGovernanceClientTest {
    @TempDir
    Path local;
    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    private MlforgeClient client;
    private RegistryClient registry;
    private String runId;

    @BeforeEach
    void start() throws Exception {
        client = server.client();
        registry = client.registry();
        Path model = Files.createDirectories(local.resolve("model"));
        Files.writeString(model.resolve("MLmodel"), "flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n");
        try (ActiveRun run = client.startRun("governance")) {
            run.logArtifact(model, "model");
            run.logInputs(List.of(new DatasetInput(List.of(new InputTag("mlflow.data.context", "training")),
                    new Dataset("transactions", "d1g3st", "local", "{\"uri\":\"tx.csv\"}", null, null))));
            runId = run.runId();
        }
        registry.createModel("churn");
        registry.registerRunModel("churn", runId, "model");
    }

    private MlforgeClient as(String user) {
        return MlforgeClient.builder(server.baseUrl()).basicAuth(user, "secret").build();
    }

    @Test
    void version_details_carry_the_flavors_of_the_mlmodel_file() {
        ModelVersionDetails details = registry.versionDetails("churn", "1");

        assertThat(details.runId()).isEqualTo(runId);
        assertThat(details.flavors()).containsKey("python_function");
    }

    @Test
    void an_approved_request_moves_the_protected_stage_and_a_rejected_one_does_not() {
        ApprovalRule rule = registry.setApprovalRule("churn", ApprovalRule.of(List.of("Production"), List.of(), List.of()));
        assertThat(rule.protectedStages()).containsExactly("Production");
        assertThat(registry.approvalRule("churn").protectedStages()).containsExactly("Production");
        registry.registerRunModel("churn", runId, "model");

        TransitionRequest first = as("alice").registry().requestTransition("churn", "1", "production", null, "ship it");
        TransitionRequest second = as("alice").registry().requestTransition("churn", "2", "Production", null, null);
        assertThat(registry.transitionRequests("churn", "PENDING")).extracting(TransitionRequest::id)
                .containsExactlyInAnyOrder(first.id(), second.id());

        TransitionRequest rejected = as("bob").registry().reject(second.id(), "not yet");
        assertThat(rejected.status()).isEqualTo("REJECTED");
        assertThat(registry.getVersion("churn", "2").currentStage()).isEqualTo("None");

        assertThatThrownBy(() -> as("alice").registry().approve(first.id(), null))
                .isInstanceOfSatisfying(MlforgeClientException.class, e -> assertThat(e.is(ErrorCode.PERMISSION_DENIED)).isTrue());
        TransitionRequest approved = as("bob").registry().approve(first.id(), "ok");
        assertThat(approved.status()).isEqualTo("APPROVED");
        assertThat(approved.decidedBy()).isEqualTo("bob");
        assertThat(registry.getVersion("churn", "1").currentStage()).isEqualTo("Production");
        assertThat(registry.transitionRequests("churn", "PENDING")).isEmpty();

        List<VersionHistory.Event> history = registry.history("churn", "1");
        assertThat(history).anySatisfy(event -> assertThat(event.to()).isEqualTo("Production"));
    }

    @Test
    void verify_tells_an_intact_version_from_a_tampered_one() throws Exception {
        VersionVerification intact = registry.verify("churn", "1");
        assertThat(intact.intact()).isTrue();
        assertThat(intact.filesRecorded()).isEqualTo(1);

        try (Stream<Path> files = Files.walk(server.dataDir())) {
            for (Path file : files.filter(path -> path.getFileName().toString().equals("MLmodel")).toList()) {
                Files.writeString(file, "flavors: {}\n");
            }
        }
        VersionVerification tampered = registry.verify("churn", "1");
        assertThat(tampered.intact()).isFalse();
        assertThat(tampered.modified()).containsExactly("MLmodel");
    }

    @Test
    void lineage_links_the_dataset_the_run_and_the_version_both_ways() {
        Lineage ofVersion = registry.lineageOfVersion("churn", "1");
        Lineage ofDataset = registry.lineageOfDataset("d1g3st");

        for (Lineage lineage : List.of(ofVersion, ofDataset)) {
            assertThat(lineage.nodes()).extracting(Lineage.Node::id)
                    .contains("dataset:d1g3st", "run:" + runId, "model:churn/1");
            assertThat(lineage.edges()).extracting(Lineage.Edge::relation).contains("trained", "produced");
        }
    }
}
