package dev.mlforge.serving.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * sklearn and xgboost models written as {@code mlflow.sklearn.save_model} and {@code mlflow.xgboost.save_model}
 * write them, registered and deployed over HTTP, answer {@code /invocations} and V2 exactly as the library's own
 * {@code predict} did on held-out rows; bad models are
 * refused at deploy time naming the cause while the previous version keeps serving.
 */
class PythonModelServingTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite()
            .withConfig("serving.python.interpreter", SklearnModels.interpreter())
            .withConfig("serving.python.environments", "off"); // PythonEnvironmentsTest builds environments
    private final LoggedModels models = new LoggedModels(server);

    private SklearnModels.Written deployed(String kind, String name) {
        SklearnModels.Written model = SklearnModels.write(kind, server.dataDir(), null);
        String version = models.registerModel(name, model.directory());
        TestHttp.Response deploy = models.deploy(name, "models:/" + name + "/" + version);
        assertThat(deploy.status()).as(deploy.body()).isEqualTo(200);
        return model;
    }

    @Test
    void a_classifier_answers_invocations_and_v2_with_sklearns_own_predictions() {
        SklearnModels.Written model = deployed("classifier", "iris_sk");
        TestHttp http = server.http();

        JsonNode invocations = http.post("/api/v1/deployments/iris_sk/invocations", model.dataframeSplit()).json(200);
        JsonNode v2 = http.post("/v2/models/iris_sk/infer", v2Request(model)).json(200);

        assertThat(invocations.get("predictions")).isEqualTo(model.predictions());
        assertThat(v2.at("/outputs/0/datatype").asText()).isEqualTo("INT64");
        assertThat(v2.at("/outputs/0/data")).isEqualTo(model.predictions());
    }

    @Test
    void a_regressor_answers_with_sklearns_own_predictions() {
        SklearnModels.Written model = deployed("regressor", "diabetes_sk");

        JsonNode predictions = server.http().post("/api/v1/deployments/diabetes_sk/invocations", model.dataframeSplit())
                .json(200).get("predictions");

        assertThat(predictions).hasSize(model.predictions().size());
        for (int i = 0; i < predictions.size(); i++) {
            double expected = model.predictions().get(i).asDouble();
            assertThat(predictions.get(i).asDouble()).isCloseTo(expected, within(Math.abs(expected) * 1e-12));
        }
    }

    @Test
    void an_xgboost_classifier_is_served_in_the_jvm_before_python_workers_with_xgboosts_own_predictions() {
        SklearnModels.Written model = deployed("xgboost", "iris_xgb");

        JsonNode invocations = server.http().post("/api/v1/deployments/iris_xgb/invocations", model.dataframeSplit()).json(200);
        Map<String, Object> fp32 = new java.util.HashMap<>(v2Request(model));
        @SuppressWarnings("unchecked")
        Map<String, Object> input = new java.util.HashMap<>(((List<Map<String, Object>>) fp32.get("inputs")).get(0));
        input.put("datatype", "FP32");
        fp32.put("inputs", List.of(input));
        JsonNode v2 = server.http().post("/v2/models/iris_xgb/infer", fp32).json(200);

        assertThat(server.http().get("/v2/models/iris_xgb").json(200).get("platform").asText())
                .as("the native xgboost runtime outranks the python_function flavor").isEqualTo("xgboost");
        assertThat(invocations.get("predictions")).isEqualTo(model.predictions());
        assertThat(v2.at("/outputs/0/name").asText()).isEqualTo("label");
        assertThat(v2.at("/outputs/0/data")).isEqualTo(model.predictions());
    }

    @Test
    void a_model_logged_by_the_mlflow_3_11_client_answers_as_mlflows_scoring_server_did() throws Exception {
        Path fixture = Path.of(getClass().getResource("/dev/mlforge/serving/python/mlflow311-sklearn-iris").toURI());
        String version = models.registerModel("iris_mlflow311", fixture.resolve("model"));
        assertThat(models.deploy("iris_mlflow311", "models:/iris_mlflow311/" + version).status()).isEqualTo(200);

        JsonNode answer = server.http().send("POST", "/api/v1/deployments/iris_mlflow311/invocations", "application/json",
                Files.readString(fixture.resolve("invocations-request.json"))).json(200);

        assertThat(answer).isEqualTo(Json.mapper().readTree(fixture.resolve("invocations-response.json").toFile()));
    }

    @Test
    void v2_metadata_names_the_python_function_platform_and_what_the_model_gives() {
        deployed("classifier", "iris_meta");

        JsonNode metadata = server.http().get("/v2/models/iris_meta").json(200);

        assertThat(metadata.get("platform").asText()).isEqualTo("python_function");
        assertThat(metadata.at("/inputs/0/shape").toString()).isEqualTo("[-1,4]");
        assertThat(metadata.at("/outputs/0/name").asText()).isEqualTo("predictions");
    }

    @Test
    void missing_packages_are_named_in_the_deploy_answer_and_the_previous_version_keeps_serving() {
        SklearnModels.Written good = deployed("classifier", "iris_env");
        SklearnModels.Written missing = SklearnModels.write("classifier", server.dataDir(), "no-such-package-mlforge==1.0");
        String version = models.registerModel("iris_env", missing.directory());

        TestHttp.Response update = server.http().patch("/api/v1/deployments/iris_env",
                Map.of("model_uri", "models:/iris_env/" + version));

        assertThat(update.status()).isEqualTo(400);
        assertThat(update.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(update.json().get("message").asText()).contains("no-such-package-mlforge")
                .contains("serving.python.environments=auto").doesNotContain("scikit-learn").doesNotContain("mlflow");
        JsonNode served = server.http().post("/api/v1/deployments/iris_env/invocations", good.dataframeSplit()).json(200);
        assertThat(served.get("predictions")).isEqualTo(good.predictions());
        assertThat(server.http().get("/api/v1/deployments/iris_env").json(200).at("/deployment/versions/primary").asText())
                .isEqualTo("1");
    }

    @Test
    void a_model_that_fails_to_load_is_refused_with_the_reason_and_leaves_no_worker() {
        SklearnModels.Written broken = SklearnModels.write("broken", server.dataDir(), null);
        String version = models.registerModel("broken_sk", broken.directory());
        List<Long> before = SklearnModels.workerPids();

        TestHttp.Response deploy = models.deploy("broken_sk", "models:/broken_sk/" + version);

        assertThat(deploy.status()).isEqualTo(400);
        assertThat(deploy.json().get("message").asText()).contains("cannot load the sklearn model").contains("UnpicklingError")
                .doesNotContain(server.dataDir().toString());
        assertThat(SklearnModels.workerPids()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void deleting_a_deployment_stops_its_workers() {
        List<Long> before = SklearnModels.workerPids();
        deployed("classifier", "iris_gone");
        List<Long> started = new ArrayList<>(SklearnModels.workerPids());
        started.removeAll(before);
        assertThat(started).hasSize(PythonConfig.DEFAULT_WORKERS);

        assertThat(server.http().delete("/api/v1/deployments/iris_gone").status()).isLessThan(300);

        assertThat(SklearnModels.workerPids()).doesNotContainAnyElementsOf(started);
        assertThat(started).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
    }

    static Map<String, Object> v2Request(SklearnModels.Written model) {
        List<Double> data = new ArrayList<>();
        model.rows().forEach(row -> row.forEach(value -> data.add(value.asDouble())));
        return Map.of("inputs", List.of(Map.of("name", "input", "datatype", "FP64",
                "shape", List.of(model.rows().size(), model.columns().size()), "data", data)));
    }
}
