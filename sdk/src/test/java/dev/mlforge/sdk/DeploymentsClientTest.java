package dev.mlforge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.monitoring.CreateAlertRuleRequest;
import dev.mlforge.api.monitoring.CreateMonitorRequest;
import dev.mlforge.api.monitoring.MonitorReferenceSpec;
import dev.mlforge.api.monitoring.MonitorWindowSpec;
import dev.mlforge.api.serving.CanarySpec;
import dev.mlforge.api.serving.CreateDeploymentRequest;
import dev.mlforge.api.serving.DeploymentInfo;
import dev.mlforge.sdk.testing.ClientExtension;
import dev.mlforge.testing.LoggedModels;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link DeploymentsClient} and {@link MonitoringClient} against the real server. */
class DeploymentsClientTest {
    private static final String ROW = "{\"dataframe_split\": {\"columns\": [\"sepal_length\", \"sepal_width\", \"petal_length\","
            + " \"petal_width\"], \"data\": [[6.2, 2.8, 4.8, 1.8]]}}";

    @TempDir
    Path local;
    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    private DeploymentsClient deployments;

    @BeforeEach
    void start(MlforgeClient client) throws Exception {
        deployments = client.deployments();
        Path iris = Files.createDirectories(local.resolve("iris_mlflow"));
        for (String file : new String[] {"MLmodel", "model.onnx"}) {
            try (InputStream in = getClass().getResourceAsStream("/serving/models/iris_mlflow/" + file)) {
                Files.copy(in, iris.resolve(file));
            }
        }
        LoggedModels models = new LoggedModels(server.server());
        models.registerModel("iris", iris);
        models.registerModel("iris", iris);
    }

    @Test
    void infer_sends_an_open_inference_protocol_request_to_the_deployment_or_one_of_its_versions() {
        deployments.create(new CreateDeploymentRequest("fraud", "models:/iris/1", new CanarySpec("models:/iris/2", 50), null, null));
        Map<String, Object> request = Map.of("inputs", java.util.List.of(Map.of("name", "input", "shape", java.util.List.of(1, 4),
                "datatype", "FP32", "data", java.util.List.of(6.2, 2.8, 4.8, 1.8))));

        dev.mlforge.api.serving.ModelMetadataResponse metadata = deployments.modelMetadata("fraud", null);
        dev.mlforge.api.serving.InferenceResponse canary = deployments.infer("fraud", "2", request);

        assertThat(metadata.inputs()).extracting(dev.mlforge.api.serving.TensorMetadata::name).containsExactly("input");
        assertThat(metadata.outputs()).extracting(dev.mlforge.api.serving.TensorMetadata::name).contains("label");
        assertThat(canary.modelVersion()).isEqualTo("2");
        assertThat(canary.outputs()).filteredOn(t -> t.name().equals("label")).singleElement()
                .extracting(dev.mlforge.api.serving.InferenceTensor::data).isEqualTo(java.util.List.of(2));
        assertThat(deployments.infer("fraud", "1", request).modelVersion()).isEqualTo("1");
        assertThatThrownBy(() -> deployments.infer("fraud", null, Map.of("inputs", java.util.List.of())))
                .isInstanceOf(MlforgeClientException.class).hasMessageContaining("inputs");
    }

    @Test
    void a_deployment_is_created_changed_rolled_back_and_deleted() {
        DeploymentInfo created = deployments.create(CreateDeploymentRequest.of("fraud", "models:/iris/1"));
        assertThat(created.ready()).isTrue();
        assertThat(deployments.list()).extracting(DeploymentInfo::name).containsExactly("fraud");

        DeploymentInfo canary = deployments.update("fraud", Map.of("canary", new CanarySpec("models:/iris/2", 30)));
        assertThat(canary.canary()).isEqualTo(new CanarySpec("models:/iris/2", 30));
        Map<String, Object> removeCanary = new HashMap<>();
        removeCanary.put("canary", null);
        assertThat(deployments.update("fraud", removeCanary).canary()).isNull();
        assertThat(deployments.history("fraud").previousPolicies()).hasSize(2);

        assertThat(deployments.rollback("fraud").canary()).isEqualTo(new CanarySpec("models:/iris/2", 30));
        deployments.delete("fraud");
        assertThatThrownBy(() -> deployments.get("fraud")).isInstanceOfSatisfying(MlforgeClientException.class,
                e -> assertThat(e.is(ErrorCode.RESOURCE_DOES_NOT_EXIST)).isTrue());
    }

    @Test
    void predict_answers_the_request_id_and_version_that_feedback_takes() {
        deployments.create(CreateDeploymentRequest.of("fraud", "models:/iris/2"));

        ScoredPredictions scored = deployments.predict("fraud", ROW, "application/json");

        assertThat(scored.modelVersion()).isEqualTo("2");
        assertThat(scored.predictions()).hasSize(1);
        assertThat(((Map<?, ?>) scored.predictions().get(0)).get("label")).isEqualTo(2);
        deployments.feedback("fraud", scored.requestId(), 2);
        assertThatThrownBy(() -> deployments.feedback("fraud", "unknown", 2)).isInstanceOf(MlforgeClientException.class)
                .hasMessageContaining("unknown");
    }

    @Test
    void monitors_and_alert_rules_round_trip(MlforgeClient client) {
        MonitoringClient monitoring = client.monitoring();
        var monitor = monitoring.createMonitor(new CreateMonitorRequest("fraud", new MonitorReferenceSpec("ref", 1, null, null),
                new MonitorWindowSpec(50, null), null, null, null, null));
        var rule = monitoring.createRule(new CreateAlertRuleRequest(null, "drift_share", ">", 0.3, null, null, null));

        assertThat(monitoring.monitor(monitor.id()).window().lastN()).isEqualTo(50);
        assertThat(monitoring.monitors()).hasSize(1);
        assertThat(monitoring.results(monitor.id(), 10)).isEmpty();
        assertThat(monitoring.rule(rule.id()).threshold()).isEqualTo(0.3);
        assertThat(monitoring.rules()).hasSize(1);
        assertThat(monitoring.alerts(null)).isEmpty();
        assertThat(monitoring.alerts("firing")).isEmpty();
        monitoring.deleteMonitor(monitor.id());
        monitoring.deleteRule(rule.id());
        assertThat(monitoring.monitors()).isEmpty();
        assertThat(monitoring.rules()).isEmpty();
    }
}
