package dev.mlforge.tracking;

import dev.mlforge.search.ResultPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.store.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tracking store's behaviour through the service, run on SQLite and PostgreSQL by its subclasses. */
abstract class TrackingStoreContract {
    TrackingService service;
    String experimentId;

    abstract Database database();

    @BeforeEach
    void createExperiment() {
        service = new TrackingService(new JdbiTrackingStore(database()), Clock.systemUTC(), new Random());
        experimentId = service.createExperiment("exp-" + UUID.randomUUID(), null, List.of(new Tag("team", "ml")));
    }

    private String newRun(String name) {
        return service.createRun(experimentId, "alice", name, null, List.of()).info().runId();
    }

    private static MetricEntity metric(String key, double value, long timestamp, long step) {
        return new MetricEntity(key, value, timestamp, step);
    }

    @Test
    void default_experiment_exists_with_proxy_artifact_location() {
        ExperimentEntity experiment = service.getExperiment("0");
        assertThat(experiment.name()).isEqualTo("Default");
        assertThat(experiment.artifactLocation()).isEqualTo("mlflow-artifacts:/0");
    }

    @Test
    void created_experiment_has_tags_and_artifact_location_from_its_id() {
        ExperimentEntity experiment = service.getExperiment(experimentId);
        assertThat(experiment.artifactLocation()).isEqualTo("mlflow-artifacts:/" + experimentId);
        assertThat(experiment.tags()).containsExactly(new Tag("team", "ml"));
        assertThat(service.getExperimentByName(experiment.name()).experimentId()).isEqualTo(experimentId);
    }

    @Test
    void duplicate_experiment_name_is_rejected() {
        String name = service.getExperiment(experimentId).name();
        assertThatThrownBy(() -> service.createExperiment(name, null, List.of()))
                .isInstanceOfSatisfying(MlforgeException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_ALREADY_EXISTS));
    }

    @Test
    void run_gets_hex_id_generated_name_mirrored_in_tag_and_artifact_uri() {
        RunEntity run = service.createRun(experimentId, "alice", null, 1000L, List.of());
        assertThat(run.info().runId()).matches("[0-9a-f]{32}");
        assertThat(run.info().runName()).isNotBlank();
        assertThat(run.tags()).contains(new Tag("mlflow.runName", run.info().runName()));
        assertThat(run.info().artifactUri())
                .isEqualTo("mlflow-artifacts:/" + experimentId + "/" + run.info().runId() + "/artifacts");
        assertThat(service.runArtifactUri(run.info().runId())).isEqualTo(run.info().artifactUri());
    }

    @Test
    void runs_read_together_come_back_in_the_order_asked_with_their_data_and_an_unknown_id_is_not_found() {
        String first = newRun("first");
        String second = newRun("second");
        service.logBatch(second, List.of(metric("loss", 0.5, 100, 1)), List.of(new ParamEntity("lr", "0.1")),
                List.of(new Tag("team", "ml")), 0);

        List<RunEntity> runs = service.getRuns(List.of(second, first));

        assertThat(runs).extracting(run -> run.info().runId()).containsExactly(second, first);
        assertThat(runs.get(0).params()).containsExactly(new ParamEntity("lr", "0.1"));
        assertThat(runs.get(0).metrics()).extracting(MetricEntity::key).containsExactly("loss");
        assertThat(runs.get(0).tags()).contains(new Tag("team", "ml"));
        assertThat(runs.get(1).metrics()).isEmpty();
        String unknown = "0".repeat(32);
        assertThatThrownBy(() -> service.getRuns(List.of(first, unknown)))
                .isInstanceOfSatisfying(MlforgeException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST);
                    assertThat(e.getMessage()).contains(unknown);
                });
    }

    @Test
    void a_batch_of_1000_new_metric_keys_reads_back_each_key_with_its_own_value() {
        String runId = newRun("wide");
        List<MetricEntity> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            batch.add(metric("key-" + i, i, 1_000 + i, 3));
        }
        service.logBatch(runId, batch, List.of(), List.of(), 0);

        assertThat(service.getRun(runId).metrics()).hasSize(1000)
                .allSatisfy(latest -> assertThat(latest.key()).isEqualTo("key-" + (int) latest.value()));
        assertThat(service.metricHistory(runId, "key-999", null, null).items()).containsExactly(batch.get(999));
    }

    @Test
    void a_sampled_history_keeps_the_first_last_lowest_and_highest_point_of_each_run_at_evenly_spaced_steps() {
        String dense = newRun("dense");
        String sparse = newRun("sparse");
        List<MetricEntity> points = new ArrayList<>();
        for (int step = 0; step < 1000; step++) {
            double value = step == 517 ? -3.5 : step == 733 ? 42.0 : step == 900 ? Double.NaN : Math.exp(-step / 300.0);
            points.add(metric("loss", value, 10_000 + step, step));
        }
        service.logBatch(dense, points, List.of(), List.of(), 0);
        // sparse steps far apart (no overflow in the spacing) and a second point at the last step
        service.logBatch(sparse, List.of(metric("loss", 2, 1, 5), metric("loss", 1, 2, 1_000_000_000_000L),
                metric("loss", 4, 3, 4_000_000_000_000L), metric("loss", 3, 4, 4_000_000_000_000L)), List.of(), List.of(), 0);

        List<RunMetric> sampled = service.sampledMetricHistories(List.of(dense, sparse, "f".repeat(32)), "loss", 320);

        List<MetricEntity> denseSample = sampled.stream().filter(point -> point.runId().equals(dense)).map(RunMetric::metric).toList();
        List<Long> steps = denseSample.stream().map(MetricEntity::step).toList();
        assertThat(steps).isSorted().doesNotHaveDuplicates().contains(0L, 517L, 733L, 999L).hasSizeBetween(320, 322);
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i) - steps.get(i - 1)).as("gap after step %d", steps.get(i - 1)).isBetween(1L, 4L);
        }
        assertThat(denseSample).allSatisfy(point -> assertThat(point).isEqualTo(points.get((int) point.step())));
        assertThat(sampled.stream().filter(point -> point.runId().equals(sparse)).map(RunMetric::metric))
                .extracting(MetricEntity::step, MetricEntity::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5L, 2.0),
                        org.assertj.core.groups.Tuple.tuple(1_000_000_000_000L, 1.0),
                        org.assertj.core.groups.Tuple.tuple(4_000_000_000_000L, 4.0),
                        org.assertj.core.groups.Tuple.tuple(4_000_000_000_000L, 3.0));
        assertThat(service.sampledMetricHistories(List.of(dense), "other", 320)).isEmpty();
    }

    @Test
    void latest_metric_is_chosen_by_step_then_timestamp_then_value() {
        String runId = newRun("latest");
        service.logBatch(runId, List.of(metric("loss", 5, 100, 2), metric("loss", 1, 200, 1),
                metric("loss", 3, 100, 2), metric("acc", 0.5, 10, 0)), List.of(), List.of(), 0);
        service.logMetric(runId, metric("acc", 0.4, 5, 0));
        assertThat(service.getRun(runId).metrics())
                .containsExactly(metric("acc", 0.5, 10, 0), metric("loss", 5, 100, 2));
    }

    @Test
    void nan_and_infinities_round_trip() {
        String runId = newRun("nan");
        service.logBatch(runId, List.of(metric("a", Double.NaN, 1, 0), metric("b", Double.POSITIVE_INFINITY, 1, 0),
                metric("c", Double.NEGATIVE_INFINITY, 1, 0)), List.of(), List.of(), 0);
        assertThat(service.getRun(runId).metrics()).extracting(MetricEntity::value)
                .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertThat(service.metricHistory(runId, "a", null, null).items()).extracting(MetricEntity::value)
                .containsExactly(Double.NaN);
    }

    @Test
    void a_large_batch_stores_every_metric_once_with_nan_infinities_and_duplicates() {
        // at least PostgresMetricCopy.MIN_METRICS metrics: the COPY path on PostgreSQL, batched inserts on SQLite
        String runId = newRun("large");
        List<MetricEntity> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 990; i++) {
            batch.add(metric("m/" + (i % 10) + " x.y-z", i * 0.001 - 0.25, 1_700_000_000_000L + i, i / 10));
        }
        batch.add(metric("odd", Double.NaN, 5, 0));
        batch.add(metric("odd", Double.POSITIVE_INFINITY, 6, 1));
        batch.add(metric("odd", Double.NEGATIVE_INFINITY, 7, 2));
        batch.add(metric("odd", 1e-300, 8, 3));
        List<MetricEntity> withDuplicate = new java.util.ArrayList<>(batch);
        withDuplicate.add(batch.get(0));
        service.logBatch(runId, withDuplicate, List.of(), List.of(), 0);
        service.logBatch(runId, batch, List.of(), List.of(), 0); // a client retrying the whole batch

        assertThat(service.metricHistory(runId, "m/3 x.y-z", null, null).items())
                .containsExactlyInAnyOrderElementsOf(batch.stream().filter(m -> m.key().equals("m/3 x.y-z")).toList());
        assertThat(service.metricHistory(runId, "odd", null, null).items()).extracting(MetricEntity::value)
                .containsExactlyInAnyOrder(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300);
        assertThat(service.getRun(runId).metrics()).hasSize(11)
                .contains(metric("m/9 x.y-z", 989 * 0.001 - 0.25, 1_700_000_000_000L + 989, 98), metric("odd", 1e-300, 8, 3));
    }

    @Test
    void large_batches_of_new_points_keep_every_value_and_a_partly_stored_one_keeps_its_params() {
        String runId = newRun("fresh");
        List<MetricEntity> first = new java.util.ArrayList<>();
        List<MetricEntity> second = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            first.add(metric("loss/val x.y-z", i * 1e-7 - 1e-5, 1_700_000_000_000L + i, i));
            second.add(metric("loss/val x.y-z", Double.MAX_VALUE / (i + 1), 1_700_000_001_000L + i, 200 + i));
        }
        service.logBatch(runId, first, List.of(), List.of(), 0);
        List<MetricEntity> overlapping = new java.util.ArrayList<>(second);
        overlapping.add(first.get(3)); // one point already stored: the batch's params and new points still land
        service.logBatch(runId, overlapping, List.of(new ParamEntity("p", "1")), List.of(), 0);

        List<MetricEntity> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        assertThat(service.metricHistory(runId, "loss/val x.y-z", null, null).items())
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(service.getRun(runId).params()).containsExactly(new ParamEntity("p", "1"));
        assertThat(service.getRun(runId).metrics()).containsExactly(second.get(199));
    }

    @Test
    void retried_log_batch_writes_each_metric_once() {
        String runId = newRun("retry");
        List<MetricEntity> batch = List.of(metric("x", 1, 1, 0), metric("x", 2, 2, 1));
        service.logBatch(runId, batch, List.of(new ParamEntity("p", "1")), List.of(), 0);
        service.logBatch(runId, batch, List.of(new ParamEntity("p", "1")), List.of(), 0);
        assertThat(service.metricHistory(runId, "x", null, null).items()).containsExactlyElementsOf(batch);
    }

    @Test
    void changing_a_param_value_is_rejected() {
        String runId = newRun("params");
        service.logParam(runId, new ParamEntity("lr", "0.1"));
        service.logParam(runId, new ParamEntity("lr", "0.1"));
        assertThatThrownBy(() -> service.logParam(runId, new ParamEntity("lr", "0.2")))
                .isInstanceOf(MlforgeException.class)
                .hasMessageContaining("Changing param values is not allowed");
        assertThat(service.getRun(runId).params()).containsExactly(new ParamEntity("lr", "0.1"));
    }

    @Test
    void writes_to_a_deleted_run_are_rejected_until_restored() {
        String runId = newRun("deleted");
        service.deleteRun(runId);
        assertThatThrownBy(() -> service.logMetric(runId, metric("m", 1, 1, 0)))
                .isInstanceOfSatisfying(MlforgeException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
                    assertThat(e).hasMessageContaining("must be in the 'active' state");
                });
        service.restoreRun(runId);
        service.logMetric(runId, metric("m", 1, 1, 0));
        assertThat(service.getRun(runId).metrics()).hasSize(1);
    }

    @Test
    void deleting_an_experiment_soft_deletes_its_runs() {
        String runId = newRun("soft");
        service.deleteExperiment(experimentId);
        assertThat(service.getRun(runId).info().lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
        assertThat(service.searchRuns(List.of(experimentId), null, "DELETED_ONLY", null, List.of(), null).items())
                .extracting(run -> run.info().runId()).containsExactly(runId);
        service.restoreExperiment(experimentId);
        assertThat(service.getRun(runId).info().lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
    }

    @Test
    void run_name_update_and_tag_stay_in_sync() {
        String runId = newRun("before");
        service.updateRun(runId, "FINISHED", 5000L, "after");
        RunEntity run = service.getRun(runId);
        assertThat(run.info().runName()).isEqualTo("after");
        assertThat(run.info().status()).isEqualTo(RunStatus.FINISHED);
        assertThat(run.info().endTime()).isEqualTo(5000L);
        service.setTag(runId, new Tag("mlflow.runName", "third"));
        assertThat(service.getRun(runId).info().runName()).isEqualTo("third");
    }

    @Test
    void search_filters_on_metrics_params_tags_and_attributes() {
        String a = newRun("alpha");
        String b = newRun("beta");
        String c = newRun("gamma");
        service.logBatch(a, List.of(metric("acc", 0.9, 1, 0)), List.of(new ParamEntity("model", "Tree")),
                List.of(new Tag("stage", "prod")), 0);
        service.logBatch(b, List.of(metric("acc", 0.7, 1, 0)), List.of(new ParamEntity("model", "tree")),
                List.of(new Tag("stage", "dev")), 0);
        service.logBatch(c, List.of(metric("acc", 0.95, 1, 0)), List.of(new ParamEntity("model", "linear")), List.of(), 0);
        assertThat(search("metrics.acc > 0.8")).containsExactlyInAnyOrder(a, c);
        assertThat(search("metrics.acc > 0.8 and params.model = 'Tree'")).containsExactly(a);
        assertThat(search("params.model LIKE 'tr%'")).containsExactly(b);
        assertThat(search("params.model ILIKE 'tr%'")).containsExactlyInAnyOrder(a, b);
        assertThat(search("tags.stage != 'prod'")).containsExactly(b);
        assertThat(search("attributes.run_name IN ('alpha', 'gamma')")).containsExactlyInAnyOrder(a, c);
        assertThat(search("attributes.run_name NOT IN ('alpha', 'gamma')")).containsExactly(b);
        assertThat(search("attributes.status = 'RUNNING' and metrics.`acc` <= 0.9")).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void every_clause_of_a_many_param_and_tag_filter_holds_and_runs_lacking_a_key_never_match() {
        String a = runWithParams("x", List.of(new Tag("t", "x")));
        String b = runWithParams(null, List.of(new Tag("t", "x")));
        String c = runWithParams("y", List.of());
        String d = runWithParams("", List.of(new Tag("t", "y")));
        // PostgreSQL joins the first four param and tag clauses and checks later ones per run: both must agree.
        String four = "params.p1 = 'x' and params.p2 = 'x' and params.p3 = 'x' and params.p4 = 'x' and ";
        assertThat(search(four + "params.p5 = 'x'")).containsExactly(a);
        assertThat(search(four + "params.p5 != 'x'")).containsExactlyInAnyOrder(c, d);
        assertThat(search(four + "params.p5 = ''")).containsExactly(d);
        assertThat(search(four + "params.p5 LIKE '%'")).containsExactlyInAnyOrder(a, c, d);
        assertThat(search(four + "params.p5 = 'x' and tags.t = 'x'")).containsExactly(a);
        assertThat(search(four + "tags.t != 'y'")).containsExactlyInAnyOrder(a, b);
        assertThat(search(four + "params.p5 ILIKE 'X' and tags.t LIKE 'x'")).containsExactly(a);
    }

    /** A run with params p1 to p4 = 'x' and p5 = {@code p5} (none when null), and the given tags. */
    private String runWithParams(String p5, List<Tag> tags) {
        String runId = newRun("many-" + UUID.randomUUID());
        List<ParamEntity> params = new ArrayList<>(List.of(new ParamEntity("p1", "x"), new ParamEntity("p2", "x"), new ParamEntity("p3", "x"),
                new ParamEntity("p4", "x")));
        if (p5 != null) {
            params.add(new ParamEntity("p5", p5));
        }
        service.logBatch(runId, List.of(), params, tags, 0);
        return runId;
    }

    @Test
    void search_orders_by_metric_with_missing_values_last_and_pages() {
        String low = newRun("low");
        String high = newRun("high");
        String none = newRun("none");
        service.logMetric(low, metric("score", 1, 1, 0));
        service.logMetric(high, metric("score", 2, 1, 0));
        ResultPage<RunEntity> first = service.searchRuns(List.of(experimentId), null, null, 2, List.of("metrics.score DESC"), null);
        assertThat(first.items()).extracting(run -> run.info().runId()).containsExactly(high, low);
        assertThat(first.nextPageToken()).isNotNull();
        ResultPage<RunEntity> second = service.searchRuns(List.of(experimentId), null, null, 2, List.of("metrics.score DESC"),
                first.nextPageToken());
        assertThat(second.items()).extracting(run -> run.info().runId()).containsExactly(none);
        assertThat(second.nextPageToken()).isNull();
        assertThat(service.searchRuns(List.of(experimentId), null, null, null, List.of("metrics.score ASC"), null).items())
                .extracting(run -> run.info().runId()).containsExactly(low, high, none);
    }

    @Test
    void every_page_of_a_metric_ordered_search_continues_the_same_order_across_values_nans_and_missing_keys() {
        // 12 runs: tied scores, NaN scores, no score at all; a param as the second sort key; equal start times tie on id.
        double[] scores = {0.5, 0.9, 0.5, Double.NaN, 0.1, Double.NaN, 0.9, 0.5, -1, -1, -1, -1};
        List<RunFixture> runs = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            String runId = service.createRun(experimentId, "alice", "r" + i, 1_000L + i % 3, List.of()).info().runId();
            if (scores[i] != -1) {
                service.logMetric(runId, metric("score", scores[i], 1, 0));
            }
            String group = i % 4 == 0 ? null : "g" + (i % 2);
            if (group != null) {
                service.logParam(runId, new ParamEntity("group", group));
            }
            runs.add(new RunFixture(runId, scores[i] == -1 ? null : scores[i], group, 1_000L + i % 3));
        }
        Comparator<RunFixture> byScoreDesc = Comparator.comparingInt(RunFixture::scoreRank)
                .thenComparing(run -> run.score() == null || run.score().isNaN() ? 0 : -run.score());
        Comparator<RunFixture> order = byScoreDesc
                .thenComparing(run -> run.group() == null ? 1 : 0)
                .thenComparing(run -> run.group() == null ? "" : run.group())
                .thenComparing(RunFixture::startTime, Comparator.reverseOrder())
                .thenComparing(RunFixture::runId);
        List<String> expected = runs.stream().sorted(order).map(RunFixture::runId).toList();
        List<String> orderBy = List.of("metrics.score DESC", "params.group ASC");
        for (int pageSize = 1; pageSize <= scores.length + 1; pageSize++) {
            assertThat(allPages(null, orderBy, pageSize)).as("pages of %d", pageSize).containsExactlyElementsOf(expected);
        }
        List<String> withGroupFirst = service.searchRuns(List.of(experimentId), "params.group != 'none'", null, null,
                List.of("params.group DESC", "metrics.score ASC"), null).items().stream().map(run -> run.info().runId()).toList();
        assertThat(withGroupFirst).containsExactlyElementsOf(runs.stream().filter(run -> run.group() != null)
                .sorted(Comparator.comparing(RunFixture::group, Comparator.reverseOrder())
                        .thenComparingInt(RunFixture::scoreRank)
                        .thenComparing(run -> run.score() == null || run.score().isNaN() ? 0 : run.score())
                        .thenComparing(RunFixture::startTime, Comparator.reverseOrder())
                        .thenComparing(RunFixture::runId))
                .map(RunFixture::runId).toList());
    }

    /** A run as the ordering test built it; the order MLflow defines is recomputed from these in Java. */
    record RunFixture(String runId, Double score, String group, long startTime) {
        /** Numbers first, then NaN, then runs lacking the metric, whatever the direction. */
        int scoreRank() {
            return score == null ? 2 : score.isNaN() ? 1 : 0;
        }
    }

    @Test
    void search_filters_on_dataset_inputs() {
        String runId = newRun("data");
        newRun("nodata");
        service.logInputs(runId, List.of(new DatasetInputEntity(new DatasetEntity("iris", "abc123", "local", "{}", null, null),
                List.of(new Tag("mlflow.data.context", "training")))));
        assertThat(search("datasets.name = 'iris'")).containsExactly(runId);
        assertThat(search("datasets.context = 'training'")).containsExactly(runId);
        assertThat(service.getRun(runId).inputs()).singleElement()
                .satisfies(input -> assertThat(input.dataset().digest()).isEqualTo("abc123"));
    }

    @Test
    void metric_history_pages_in_step_order() {
        String runId = newRun("history");
        service.logBatch(runId, List.of(metric("m", 3, 3, 2), metric("m", 1, 1, 0), metric("m", 2, 2, 1)),
                List.of(), List.of(), 0);
        ResultPage<MetricEntity> first = service.metricHistory(runId, "m", 2, null);
        assertThat(first.items()).extracting(MetricEntity::step).containsExactly(0L, 1L);
        ResultPage<MetricEntity> second = service.metricHistory(runId, "m", 2, first.nextPageToken());
        assertThat(second.items()).extracting(MetricEntity::step).containsExactly(2L);
        assertThat(second.nextPageToken()).isNull();
    }

    @Test
    void experiments_search_filters_by_name_and_tag() {
        String name = service.getExperiment(experimentId).name();
        ResultPage<ExperimentEntity> page = service.searchExperiments("name = '" + name + "' and tags.team = 'ml'", List.of(),
                null, null, null);
        assertThat(page.items()).extracting(ExperimentEntity::experimentId).containsExactly(experimentId);
        assertThat(service.searchExperiments("tags.team = 'none'", List.of(), null, null, null).items()).isEmpty();
    }

    @Test
    void a_search_ordered_by_a_param_sorts_long_values_sharing_a_long_prefix_exactly_on_every_page() {
        // PostgreSQL reads the order from an index holding the first 200 characters; the rest must still count.
        String shared = "x".repeat(210);
        List<String> values = List.of(shared + "b", shared + "a", shared, "B", "a", "x".repeat(199) + "\u00e9z",
                "x".repeat(200) + "\u00e9", shared + "a", "x".repeat(199));
        List<RunFixture> runs = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String runId = service.createRun(experimentId, "alice", "v" + i, 1_000L + i % 2, List.of()).info().runId();
            service.logParam(runId, new ParamEntity("long", values.get(i)));
            runs.add(new RunFixture(runId, null, values.get(i), 1_000L + i % 2));
        }
        String none = service.createRun(experimentId, "alice", "none", 1_000L, List.of()).info().runId();
        Comparator<RunFixture> ties = Comparator.comparing(RunFixture::startTime, Comparator.reverseOrder())
                .thenComparing(RunFixture::runId);
        for (boolean ascending : List.of(true, false)) {
            Comparator<RunFixture> byValue = Comparator.comparing(RunFixture::group);
            List<String> expected = new ArrayList<>(runs.stream().sorted((ascending ? byValue : byValue.reversed())
                    .thenComparing(ties)).map(RunFixture::runId).toList());
            expected.add(none);
            for (int pageSize = 1; pageSize <= expected.size() + 1; pageSize += 2) {
                assertThat(allPages(null, List.of("params.long " + (ascending ? "ASC" : "DESC")), pageSize))
                        .as("%s, pages of %d", ascending ? "ascending" : "descending", pageSize).containsExactlyElementsOf(expected);
            }
        }
        assertThat(allPages("params.long = '" + shared + "a'", List.of("params.long DESC"), 1))
                .containsExactlyElementsOf(runs.stream().filter(run -> run.group().equals(shared + "a")).sorted(ties)
                        .map(RunFixture::runId).toList());
    }

    @Test
    void params_and_tags_are_found_by_equality_as_soon_as_written_and_changed_or_deleted_tags_no_longer_match() {
        String value = "\"quoted\" \u00fcber " + "y".repeat(300);
        String a = service.createRun(experimentId, "alice", "docs-a", null, List.of(new Tag("stage", "dev"))).info().runId();
        String b = newRun("docs-b");
        service.logParam(a, new ParamEntity("lr", value));
        service.logBatch(b, List.of(), List.of(new ParamEntity("lr", value + "!"), new ParamEntity("depth", "3")),
                List.of(new Tag("stage", "dev")), 0);
        assertThat(search("params.lr = '" + value + "'")).containsExactly(a);
        assertThat(search("params.lr = '" + value + "!' and params.depth = '3' and tags.stage = 'dev'")).containsExactly(b);
        assertThat(search("params.lr = '" + value + "' and params.lr = '" + value + "!'")).isEmpty();
        assertThat(search("tags.stage = 'dev'")).containsExactlyInAnyOrder(a, b);
        service.setTag(a, new Tag("stage", "prod"));
        assertThat(search("tags.stage = 'dev'")).containsExactly(b);
        assertThat(search("tags.stage = 'prod' and params.lr = '" + value + "'")).containsExactly(a);
        service.deleteTag(a, "stage");
        assertThat(search("tags.stage = 'prod'")).isEmpty();
        service.updateRun(b, null, null, "docs-renamed");
        assertThat(search("tags.`mlflow.runName` = 'docs-renamed'")).containsExactly(b);
        assertThat(search("tags.`mlflow.runName` = 'docs-b'")).isEmpty();
    }

    List<String> allPages(String filter, List<String> orderBy, int pageSize) {
        List<String> collected = new ArrayList<>();
        String token = null;
        do {
            ResultPage<RunEntity> page = service.searchRuns(List.of(experimentId), filter, null, pageSize, orderBy, token);
            page.items().forEach(run -> collected.add(run.info().runId()));
            token = page.nextPageToken();
        } while (token != null);
        return collected;
    }

    private List<String> search(String filter) {
        return service.searchRuns(List.of(experimentId), filter, null, null, List.of(), null).items().stream()
                .map(run -> run.info().runId()).toList();
    }
}
