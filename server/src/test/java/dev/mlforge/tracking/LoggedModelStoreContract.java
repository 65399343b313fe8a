package dev.mlforge.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.search.ResultPage;
import dev.mlforge.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Logged models through their service on a real store, with MLflow's search semantics; SQLite and PostgreSQL subclasses. */
abstract class LoggedModelStoreContract {
    TrackingService tracking;
    LoggedModelService models;
    String experimentId;
    String runId;
    private long tick = 1_000;

    abstract Database database();

    @BeforeEach
    void createExperiment() {
        // Each model gets its own creation time, so that "newest first" is a strict order.
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(tick++);
            }
        };
        tracking = new TrackingService(new JdbiTrackingStore(database()), clock, new Random());
        models = new LoggedModelService(new JdbiLoggedModelStore(database()), tracking, clock, new Random());
        experimentId = tracking.createExperiment("lm-" + UUID.randomUUID(), null, List.of());
        runId = tracking.createRun(experimentId, "alice", "r", null, List.of()).info().runId();
    }

    private String model(String name, List<ParamEntity> params, List<Tag> tags) {
        return models.create(experimentId, name, "Classifier", runId, params, tags).modelId();
    }

    private void metric(String modelId, String key, double value, long timestamp, String dataset, String digest) {
        models.logMetrics(List.of(new LoggedModelMetric(modelId, runId, new MetricEntity(key, value, timestamp, 0),
                dataset, digest)));
    }

    private List<String> search(String filter, List<LoggedModelSearch.DatasetScope> datasets,
            List<LoggedModelService.OrderItem> order) {
        return models.search(List.of(experimentId), filter, datasets, order, null, null).items().stream()
                .map(LoggedModelEntity::modelId).toList();
    }

    private List<String> search(String filter) {
        return search(filter, List.of(), List.of());
    }

    @Test
    void a_created_model_is_pending_with_its_params_tags_and_artifact_location() {
        LoggedModelEntity created = models.create(experimentId, null, null, runId, List.of(new ParamEntity("C", "1.0")),
                List.of(new Tag("b", "2"), new Tag("a", "1")));
        assertThat(created.modelId()).matches("m-[0-9a-f]{32}");
        assertThat(created.name()).isNotEmpty();
        assertThat(created.status()).isEqualTo(LoggedModelStatus.PENDING);
        assertThat(created.artifactLocation()).isEqualTo("mlflow-artifacts:/" + experimentId + "/models/" + created.modelId() + "/artifacts");
        assertThat(created.tags()).containsExactly(new Tag("a", "1"), new Tag("b", "2"));
        assertThat(created.params()).containsExactly(new ParamEntity("C", "1.0"));
        assertThat(models.finalizeModel(created.modelId(), "LOGGED_MODEL_READY", null).status()).isEqualTo(LoggedModelStatus.READY);
        assertThat(models.finalizeModel(created.modelId(), "3", "boom").status()).isEqualTo(LoggedModelStatus.UPLOAD_FAILED);
    }

    @Test
    void metrics_logged_with_a_model_id_are_on_the_model_with_their_run_and_dataset() {
        String modelId = model("m", List.of(), List.of());
        metric(modelId, "acc", 0.9, 10, "eval", "d1");
        metric(modelId, "acc", 0.9, 10, "eval", "d1");
        metric(modelId, "loss", Double.NaN, 11, null, null);
        List<LoggedModelMetric> metrics = models.get(modelId, false).metrics();
        assertThat(metrics).hasSize(2);
        assertThat(metrics.get(0)).isEqualTo(new LoggedModelMetric(modelId, runId, new MetricEntity("acc", 0.9, 10, 0), "eval", "d1"));
        assertThat(metrics.get(1).metric().value()).isNaN();
        assertThatThrownBy(() -> metric("m-00000000000000000000000000000000", "acc", 1, 1, null, null))
                .isInstanceOfSatisfying(MlforgeException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    }

    @Test
    void filters_match_only_models_that_have_the_key_as_mlflow_joins_them() {
        String a = model("alpha", List.of(new ParamEntity("lr", "0.1")), List.of(new Tag("team", "vision")));
        String b = model("beta", List.of(new ParamEntity("lr", "0.2")), List.of(new Tag("team", "nlp")));
        String c = model("gamma", List.of(), List.of());
        metric(a, "acc", 0.9, 1, null, null);
        metric(b, "acc", 0.5, 1, null, null);

        assertThat(search(null)).containsExactly(c, b, a);
        assertThat(search("params.lr = '0.1'")).containsExactly(a);
        assertThat(search("tags.team != 'nlp'")).containsExactly(a);
        assertThat(search("tags.team IN ('nlp', 'x')")).containsExactly(b);
        assertThat(search("metrics.acc > 0.6")).containsExactly(a);
        assertThat(search("metrics.acc >= 0.5 AND params.lr LIKE '0.%'")).containsExactly(b, a);
        assertThat(search("name = 'gamma'")).containsExactly(c);
        assertThat(search("attributes.name ILIKE 'ALP%'")).containsExactly(a);
        assertThat(search("name LIKE 'ALP%'")).isEmpty();
        assertThat(search("model_type = 'Classifier' AND source_run_id = '" + runId + "'")).containsExactly(c, b, a);
        long created = models.get(b, false).creationTimestampMs();
        assertThat(search("creation_timestamp >= " + created)).containsExactly(c, b);
        assertThat(search("creation_time < " + created)).containsExactly(a);
    }

    @Test
    void datasets_scope_metric_filters_and_alone_require_a_metric_on_one_of_them() {
        String a = model("a", List.of(), List.of());
        String b = model("b", List.of(), List.of());
        model("c", List.of(), List.of());
        metric(a, "acc", 0.9, 1, "train", "t1");
        metric(a, "acc", 0.2, 2, "test", "e1");
        metric(b, "acc", 0.8, 1, "test", "e2");
        LoggedModelSearch.DatasetScope test = new LoggedModelSearch.DatasetScope("test", null);

        assertThat(search("metrics.acc > 0.5")).containsExactly(b, a);
        assertThat(search("metrics.acc > 0.5", List.of(test), List.of())).containsExactly(b);
        assertThat(search(null, List.of(test), List.of())).containsExactly(b, a);
        assertThat(search(null, List.of(new LoggedModelSearch.DatasetScope("test", "e1")), List.of())).containsExactly(a);
        assertThatThrownBy(() -> search(null, List.of(new LoggedModelSearch.DatasetScope("", null)), List.of()))
                .isInstanceOfSatisfying(MlforgeException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("`dataset_name` in the `datasets` clause must be specified."));
    }

    @Test
    void order_by_a_metric_uses_the_latest_value_in_the_dataset_scope_with_missing_values_last() {
        String a = model("a", List.of(), List.of());
        String b = model("b", List.of(), List.of());
        String c = model("c", List.of(), List.of());
        metric(a, "acc", 0.1, 1, "test", null);
        metric(a, "acc", 0.95, 2, "train", null);
        metric(b, "acc", 0.5, 1, "test", null);

        assertThat(search(null, List.of(), List.of(new LoggedModelService.OrderItem("metrics.acc", false, null, null))))
                .containsExactly(a, b, c);
        assertThat(search(null, List.of(), List.of(new LoggedModelService.OrderItem("metrics.acc", false, "test", null))))
                .containsExactly(b, a, c);
        assertThat(search(null, List.of(), List.of(new LoggedModelService.OrderItem("metrics.acc", true, "test", null))))
                .containsExactly(a, b, c);
        assertThat(search(null, List.of(), List.of(new LoggedModelService.OrderItem("name", true, null, null))))
                .containsExactly(a, b, c);
        assertThat(search(null, List.of(), List.of(new LoggedModelService.OrderItem("creation_timestamp", true, null, null))))
                .containsExactly(a, b, c);
        assertThatThrownBy(() -> search(null, List.of(), List.of(new LoggedModelService.OrderItem("params.x", true, null, null))))
                .isInstanceOfSatisfying(MlforgeException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    @Test
    void pages_follow_their_tokens_and_deleted_models_are_not_found() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(model("p" + i, List.of(), List.of()));
        }
        models.delete(created.get(0));
        ResultPage<LoggedModelEntity> first = models.search(List.of(experimentId), null, List.of(), List.of(), 3, null);
        ResultPage<LoggedModelEntity> second = models.search(List.of(experimentId), null, List.of(), List.of(), 3,
                first.nextPageToken());
        assertThat(first.items()).extracting(LoggedModelEntity::modelId).containsExactly(created.get(4), created.get(3), created.get(2));
        assertThat(second.items()).extracting(LoggedModelEntity::modelId).containsExactly(created.get(1));
        assertThat(second.nextPageToken()).isNull();
        assertThatThrownBy(() -> models.get(created.get(0), false))
                .isInstanceOfSatisfying(MlforgeException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
        assertThat(models.get(created.get(0), true).lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
    }

    @Test
    void run_outputs_and_model_inputs_are_kept_per_run() {
        String modelId = model("m", List.of(), List.of());
        models.logRunOutputs(runId, List.of(new LoggedModelOutput(modelId, 3)));
        models.logRunOutputs(runId, List.of(new LoggedModelOutput(modelId, 4)));
        models.logRunInputs(runId, List.of(modelId, modelId));
        assertThat(models.runOutputs(runId)).containsExactly(new LoggedModelOutput(modelId, 4));
        assertThat(models.runInputs(runId)).containsExactly(modelId);
    }
}
