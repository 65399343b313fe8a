package dev.mlforge.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.testing.ApplicationExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.ExperimentsPage;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;

/** The official MLflow Java client (org.mlflow:mlflow-client 2.17.2), unchanged, against the real server. */
class MlflowClientCompatibilityTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();
    static MlflowClient client;

    @BeforeAll
    static void start() {
        client = new MlflowClient(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static String uniqueName() {
        return "client-" + UUID.randomUUID();
    }

    @Test
    void creates_gets_and_finds_experiments() {
        String name = uniqueName();
        String id = client.createExperiment(name);
        Service.Experiment experiment = client.getExperiment(id);
        assertThat(experiment.getName()).isEqualTo(name);
        assertThat(experiment.getLifecycleStage()).isEqualTo("active");
        assertThat(experiment.getArtifactLocation()).isEqualTo("mlflow-artifacts:/" + id);
        assertThat(client.getExperimentByName(name)).map(Service.Experiment::getExperimentId).contains(id);
        assertThat(client.getExperimentByName(uniqueName())).isEmpty();
        ExperimentsPage page = client.searchExperiments("name = '" + name + "'");
        assertThat(page.getItems()).extracting(Service.Experiment::getExperimentId).containsExactly(id);
    }

    @Test
    void renames_deletes_and_restores_an_experiment() {
        String id = client.createExperiment(uniqueName());
        String newName = uniqueName();
        client.renameExperiment(id, newName);
        client.setExperimentTag(id, "owner", "bob");
        assertThat(client.getExperiment(id).getName()).isEqualTo(newName);
        assertThat(client.getExperiment(id).getTagsList()).extracting(Service.ExperimentTag::getValue).containsExactly("bob");
        client.deleteExperiment(id);
        assertThat(client.getExperiment(id).getLifecycleStage()).isEqualTo("deleted");
        client.restoreExperiment(id);
        assertThat(client.getExperiment(id).getLifecycleStage()).isEqualTo("active");
    }

    @Test
    void logs_metrics_params_tags_and_batches_to_a_run() {
        String experimentId = client.createExperiment(uniqueName());
        Service.RunInfo info = client.createRun(experimentId);
        String runId = info.getRunId();
        assertThat(runId).matches("[0-9a-f]{32}");
        assertThat(info.getArtifactUri()).isEqualTo("mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts");
        client.logMetric(runId, "loss", 0.5, 1000, 1);
        client.logMetric(runId, "loss", 0.25, 2000, 2);
        client.logParam(runId, "lr", "0.01");
        client.setTag(runId, "team", "ml");
        client.logBatch(runId,
                List.of(Service.Metric.newBuilder().setKey("acc").setValue(0.9).setTimestamp(3000).setStep(3).build()),
                List.of(Service.Param.newBuilder().setKey("depth").setValue("4").build()),
                List.of(Service.RunTag.newBuilder().setKey("stage").setValue("dev").build()));
        Service.Run run = client.getRun(runId);
        assertThat(run.getData().getMetricsList()).extracting(Service.Metric::getKey, Service.Metric::getValue)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("loss", 0.25), org.assertj.core.groups.Tuple.tuple("acc", 0.9));
        assertThat(run.getData().getParamsList()).extracting(Service.Param::getKey).containsExactlyInAnyOrder("lr", "depth");
        assertThat(run.getData().getTagsList()).extracting(Service.RunTag::getKey)
                .contains("team", "stage", "mlflow.runName");
        assertThat(client.getMetricHistory(runId, "loss")).extracting(Service.Metric::getValue).containsExactly(0.5, 0.25);
        client.deleteTag(runId, "team");
        assertThat(client.getRun(runId).getData().getTagsList()).extracting(Service.RunTag::getKey).doesNotContain("team");
    }

    @Test
    void the_fluent_mlflow_context_runs_nested_runs_end_to_end() {
        String name = uniqueName();
        client.createExperiment(name);
        org.mlflow.tracking.MlflowContext context = new org.mlflow.tracking.MlflowContext(client).setExperimentName(name);
        String[] ids = new String[2];
        context.withActiveRun("parent", parent -> {
            ids[0] = parent.getId();
            parent.logParams(java.util.Map.of("lr", "0.1", "epochs", "3"));
            parent.logMetrics(java.util.Map.of("loss", 0.5, "acc", 0.8), 2);
            parent.setTags(java.util.Map.of("team", "fraud"));
            org.mlflow.tracking.ActiveRun child = context.startRun("child", parent.getId());
            ids[1] = child.getId();
            child.logMetric("loss", 0.25, 1);
            child.endRun(Service.RunStatus.KILLED);
            assertThat(parent.getArtifactUri()).isEqualTo("mlflow-artifacts:/" + context.getExperimentId() + "/" + ids[0] + "/artifacts");
        });

        Service.Run parent = client.getRun(ids[0]);
        assertThat(parent.getInfo().getStatus()).isEqualTo(Service.RunStatus.FINISHED);
        assertThat(parent.getInfo().getRunName()).isEqualTo("parent");
        assertThat(parent.getInfo().getExperimentId()).isEqualTo(client.getExperimentByName(name).orElseThrow().getExperimentId());
        assertThat(parent.getData().getParamsList()).extracting(Service.Param::getKey).containsExactlyInAnyOrder("lr", "epochs");
        assertThat(parent.getData().getMetricsList()).allSatisfy(metric -> assertThat(metric.getStep()).isEqualTo(2));
        assertThat(parent.getData().getTagsList()).extracting(Service.RunTag::getKey).contains("team");
        Service.Run child = client.getRun(ids[1]);
        assertThat(child.getInfo().getStatus()).isEqualTo(Service.RunStatus.KILLED);
        assertThat(child.getData().getTagsList()).filteredOn(tag -> tag.getKey().equals("mlflow.parentRunId"))
                .extracting(Service.RunTag::getValue).containsExactly(ids[0]);
        assertThat(client.listRunInfos(context.getExperimentId())).extracting(Service.RunInfo::getRunId)
                .containsExactlyInAnyOrder(ids[0], ids[1]);
    }

    @Test
    void sets_a_run_terminated() {
        String runId = client.createRun(client.createExperiment(uniqueName())).getRunId();
        client.setTerminated(runId, Service.RunStatus.FAILED, 12345L);
        Service.RunInfo info = client.getRun(runId).getInfo();
        assertThat(info.getStatus()).isEqualTo(Service.RunStatus.FAILED);
        assertThat(info.getEndTime()).isEqualTo(12345L);
    }

    @Test
    void searches_runs_with_filter_and_order_by() {
        String experimentId = client.createExperiment(uniqueName());
        String low = client.createRun(experimentId).getRunId();
        String high = client.createRun(experimentId).getRunId();
        String other = client.createRun(experimentId).getRunId();
        client.logMetric(low, "rmse", 1.0);
        client.logMetric(high, "rmse", 2.0);
        client.logParam(low, "model", "tree");
        client.logParam(high, "model", "tree");
        client.logParam(other, "model", "linear");
        RunsPage page = client.searchRuns(List.of(experimentId), "params.model = 'tree' and metrics.rmse > 0",
                Service.ViewType.ACTIVE_ONLY, 10, List.of("metrics.rmse DESC"));
        assertThat(page.getItems()).extracting(run -> run.getInfo().getRunId()).containsExactly(high, low);
        RunsPage first = client.searchRuns(List.of(experimentId), "", Service.ViewType.ALL, 2, List.of("metrics.rmse ASC"));
        assertThat(first.hasNextPage()).isTrue();
        assertThat(first.getNextPage().getItems()).extracting(run -> run.getInfo().getRunId()).containsExactly(other);
    }

    @Test
    void deletes_and_restores_runs() {
        String experimentId = client.createExperiment(uniqueName());
        String runId = client.createRun(experimentId).getRunId();
        client.deleteRun(runId);
        assertThat(client.getRun(runId).getInfo().getLifecycleStage()).isEqualTo("deleted");
        assertThat(client.searchRuns(List.of(experimentId), "", Service.ViewType.DELETED_ONLY))
                .extracting(Service.RunInfo::getRunId).containsExactly(runId);
        client.restoreRun(runId);
        assertThat(client.searchRuns(List.of(experimentId), "")).extracting(Service.RunInfo::getRunId).containsExactly(runId);
    }

    @Test
    void reports_errors_with_mlflow_status_codes() {
        String name = uniqueName();
        client.createExperiment(name);
        assertThatThrownBy(() -> client.createExperiment(name)).isInstanceOfSatisfying(MlflowHttpException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(400);
            assertThat(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS");
        });
        assertThatThrownBy(() -> client.getRun("0123456789abcdef0123456789abcdef"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
        String runId = client.createRun().getRunId();
        client.logParam(runId, "p", "1");
        assertThatThrownBy(() -> client.logParam(runId, "p", "2")).isInstanceOfSatisfying(MlflowHttpException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(400);
            assertThat(e.getBodyMessage()).contains("INVALID_PARAMETER_VALUE");
        });
        assertThatThrownBy(() -> client.searchRuns(List.of("0"), "metrics.x > 'a'"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
    }
}
