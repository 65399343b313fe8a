package dev.mlforge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.store.Database;
import dev.mlforge.store.TestDatabases;
import dev.mlforge.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SQLite's staged metric log: every history read sees a point before and after it is folded into the history table, once. */
class MetricLogTest {
    @RegisterExtension
    static final TestDatabases db = TestDatabases.sqlite();

    private MetricLog metricLog;
    private TrackingService service;
    private String experimentId;
    private String runId;

    @BeforeEach
    void createRun() {
        Database database = db.database();
        database.write(handle -> handle.execute("DELETE FROM metric_log"));
        metricLog = new MetricLog(database);
        service = new TrackingService(new JdbiTrackingStore(database, metricLog), Clock.systemUTC(), new Random());
        experimentId = service.createExperiment("log-" + UUID.randomUUID(), null, List.of());
        runId = service.createRun(experimentId, "alice", "staged", null, List.of()).info().runId();
    }

    private void log(MetricEntity... metrics) {
        service.logBatch(runId, List.of(metrics), List.of(), List.of(), 0);
    }

    private long rows(String table) {
        return db.database().read(handle -> handle.createQuery("SELECT count(*) FROM " + table + " WHERE run_uuid = ?")
                .bind(0, runId).mapTo(Long.class).one());
    }

    private List<MetricEntity> history(String key) {
        return service.metricHistory(runId, key, null, null).items();
    }

    @Test
    void a_point_is_read_the_same_by_every_history_read_before_and_after_the_fold() {
        log(new MetricEntity("loss", 0.5, 100, 1), new MetricEntity("loss", Double.NaN, 101, 2));
        assertThat(rows("metric_log")).isEqualTo(2);
        assertThat(rows("metrics")).isZero();
        List<List<?>> staged = everyRead();

        assertThat(metricLog.fold()).isEqualTo(2);

        assertThat(rows("metric_log")).isZero();
        assertThat(rows("metrics")).isEqualTo(2);
        assertThat(everyRead()).isEqualTo(staged);
        assertThat(staged.get(0)).extracting(point -> ((MetricEntity) point).step()).containsExactly(1L, 2L);
        assertThat(((MetricEntity) staged.get(0).get(1)).value()).isNaN();
        assertThat(staged.get(2)).hasSize(1);
    }

    @Test
    void a_batch_appended_in_multi_row_statements_keeps_every_point_and_its_value_across_statement_boundaries() {
        // 934 points: nine statements of 100 rows and one of 34; NaN and infinities on the rows around each boundary
        List<MetricEntity> batch = new ArrayList<>();
        for (int i = 0; i < 934; i++) {
            double value = i % 100 == 99 ? Double.NaN : i % 100 == 0 ? Double.NEGATIVE_INFINITY
                    : i % 100 == 1 ? Double.POSITIVE_INFINITY : i * 0.25;
            batch.add(new MetricEntity("k" + (i % 7), value, 1000 + i, i));
        }
        service.logBatch(runId, batch, List.of(), List.of(), 0);
        assertThat(rows("metric_log")).isEqualTo(934);

        for (int fold = 0; fold < 2; fold++) {
            for (int key = 0; key < 7; key++) {
                String name = "k" + key;
                List<MetricEntity> expected = batch.stream().filter(point -> point.key().equals(name)).toList();
                assertThat(service.metricHistory(runId, name, null, null).items()).as(name).isEqualTo(expected);
            }
            metricLog.fold();
        }
        assertThat(rows("metrics")).isEqualTo(934);
    }

    /** get-history, get-history-bulk-interval (and the compare page's points at one step), the min and max of charts. */
    private List<List<?>> everyRead() {
        return List.of(history("loss"),
                service.metricHistoryBulkInterval(List.of(runId), "loss", null, null, null),
                List.copyOf(service.metricRanges(List.of(runId), "loss").values()),
                service.metricsAtStep(List.of(runId), "loss", 2));
    }

    @Test
    void a_point_logged_twice_is_one_point_whether_both_are_staged_or_one_is_folded() {
        MetricEntity point = new MetricEntity("acc", 0.9, 100, 3);
        log(point);
        log(point, point);
        assertThat(rows("metric_log")).isEqualTo(3);
        assertThat(history("acc")).containsExactly(point);

        metricLog.fold();
        log(point, new MetricEntity("acc", 0.9, 101, 3));
        assertThat(history("acc")).containsExactly(point, new MetricEntity("acc", 0.9, 101, 3));

        metricLog.fold();
        assertThat(rows("metrics")).isEqualTo(2);
        assertThat(history("acc")).containsExactly(point, new MetricEntity("acc", 0.9, 101, 3));
    }

    @Test
    void history_pages_run_across_folded_and_staged_points_in_step_order() {
        log(new MetricEntity("m", 3, 1, 3), new MetricEntity("m", 1, 1, 1));
        metricLog.fold();
        log(new MetricEntity("m", 2, 1, 2), new MetricEntity("m", 4, 1, 4));

        var first = service.metricHistory(runId, "m", 3, null);
        var second = service.metricHistory(runId, "m", 3, first.nextPageToken());

        assertThat(first.items()).extracting(MetricEntity::step).containsExactly(1L, 2L, 3L);
        assertThat(second.items()).extracting(MetricEntity::step).containsExactly(4L);
    }

    /** The run's latest value per key, as get-run answers it. */
    private List<MetricEntity> latest() {
        return service.getRun(runId).metrics();
    }

    private List<String> runsWhere(String filter, String order) {
        return service.searchRuns(List.of(experimentId), filter, "ACTIVE_ONLY", 100, List.of(order), null).items().stream()
                .map(run -> run.info().runId()).toList();
    }

    @Test
    void a_runs_latest_metrics_follow_every_acknowledged_write_before_and_after_the_fold() {
        log(new MetricEntity("loss", 0.9, 100, 1), new MetricEntity("loss", 0.5, 100, 3), new MetricEntity("acc", 0.1, 5, 0));
        assertThat(rows("latest_metrics")).as("latest values are folded from the log, not written per request").isZero();
        assertThat(latest()).containsExactly(new MetricEntity("acc", 0.1, 5, 0), new MetricEntity("loss", 0.5, 100, 3));
        assertThat(runsWhere("metrics.loss < 0.6", "metrics.loss ASC")).containsExactly(runId);

        // an older step logged later does not win; at the same step the later timestamp, then the higher value, then NaN
        log(new MetricEntity("loss", 0.1, 200, 2), new MetricEntity("acc", 0.2, 6, 0), new MetricEntity("acc", 0.7, 6, 0));
        assertThat(latest()).containsExactly(new MetricEntity("acc", 0.7, 6, 0), new MetricEntity("loss", 0.5, 100, 3));
        log(new MetricEntity("acc", Double.NaN, 6, 0));
        assertThat(latest().get(0).value()).isNaN();
        assertThat(runsWhere("metrics.loss > 0.6", "metrics.loss ASC")).isEmpty();

        metricLog.fold();
        log(new MetricEntity("loss", 0.8, 1, 4));
        assertThat(runsWhere("metrics.loss > 0.6", "metrics.loss ASC")).containsExactly(runId);
        metricLog.fold();
        assertThat(rows("metric_log")).isZero();
        assertThat(latest()).hasSize(2);
        assertThat(latest().get(1)).isEqualTo(new MetricEntity("loss", 0.8, 1, 4));
        assertThat(rows("latest_metrics")).isEqualTo(2);
    }

    @Test
    void latest_values_a_previous_process_left_in_the_log_are_read_before_any_fold() {
        log(points("left", 0, 5).toArray(MetricEntity[]::new));
        TrackingService restarted = new TrackingService(new JdbiTrackingStore(db.database(), new MetricLog(db.database())),
                Clock.systemUTC(), new Random());

        assertThat(restarted.getRun(runId).metrics()).containsExactly(new MetricEntity("left", 2.0, 1_004, 4));
        assertThat(rows("metric_log")).isEqualTo(5);
    }

    @Test
    void the_folder_folds_when_enough_rows_wait_and_when_time_passed_and_folds_the_rest_on_close() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-05T00:00:00Z"));
        try (MetricLogFolder folder = new MetricLogFolder(metricLog, clock, new MetricLogConfig(10, 60_000))) {
            folder.start();
            log(points("size", 0, 9).toArray(MetricEntity[]::new));
            Thread.sleep(300);
            assertThat(rows("metric_log")).as("9 rows are fewer than 10, and no time passed").isEqualTo(9);
            log(new MetricEntity("size", 9, 1, 9));
            awaitTrue(() -> rows("metric_log") == 0);
            assertThat(rows("metrics")).isEqualTo(10);

            log(new MetricEntity("time", 1, 1, 1));
            Thread.sleep(300);
            assertThat(rows("metric_log")).isEqualTo(1);
            clock.advance(Duration.ofMinutes(1));
            awaitTrue(() -> rows("metric_log") == 0);

            log(new MetricEntity("close", 1, 1, 1));
        }
        assertThat(rows("metric_log")).isZero();
        assertThat(history("close")).hasSize(1);
    }

    @Test
    void the_folder_folds_what_a_previous_process_left_in_the_log_when_it_starts() {
        log(points("left", 0, 5).toArray(MetricEntity[]::new));
        MetricLog restarted = new MetricLog(db.database());
        assertThat(restarted.pending()).isZero();

        MetricLogFolder folder = new MetricLogFolder(restarted, Clock.systemUTC(), new MetricLogConfig(1_000, 60_000));
        folder.start();
        try {
            assertThat(rows("metric_log")).isZero();
            assertThat(history("left")).hasSize(5);
        } finally {
            folder.close();
        }
    }

    @Test
    void folds_interleaved_with_concurrent_writers_lose_and_double_nothing() throws Exception {
        int writers = 4;
        int batches = 40;
        try (MetricLogFolder folder = new MetricLogFolder(metricLog, Clock.systemUTC(), new MetricLogConfig(150, 10))) {
            folder.start();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                String key = "w" + writer;
                done.add(pool.submit(() -> {
                    for (int batch = 0; batch < batches; batch++) {
                        // every other batch repeats the previous one's points, as a retried request does
                        int first = batch / 2 * 10;
                        log(points(key, first, first + 10).toArray(MetricEntity[]::new));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            pool.shutdown();
        }
        assertThat(rows("metric_log")).isZero();
        assertThat(latest()).extracting(MetricEntity::step).containsExactly(199L, 199L, 199L, 199L);
        for (int writer = 0; writer < writers; writer++) {
            assertThat(history("w" + writer)).extracting(MetricEntity::step)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, batches * 10 / 2).boxed().toList());
        }
    }

    private static List<MetricEntity> points(String key, int from, int to) {
        List<MetricEntity> points = new ArrayList<>();
        for (int step = from; step < to; step++) {
            points.add(new MetricEntity(key, step * 0.5, 1_000 + step, step));
        }
        return points;
    }

    @Test
    void a_batch_of_1000_new_keys_gives_each_key_its_own_series_and_reads_back_each_value() {
        List<MetricEntity> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            batch.add(new MetricEntity("key-" + i, i, 5_000 + i, 7));
        }
        service.logBatch(runId, batch, List.of(), List.of(), 0);

        assertThat(seriesKeys()).hasSize(1000);
        assertThat(stagedPointsByKey()).as("each staged point under the series of its own key")
                .allSatisfy((key, value) -> assertThat(key).isEqualTo("key-" + value.intValue())).hasSize(1000);
        metricLog.fold();
        for (int i : new int[] {0, 1, 499, 998, 999}) {
            assertThat(history("key-" + i)).extracting(MetricEntity::value).containsExactly((double) i);
        }
    }

    @Test
    void series_past_one_select_are_read_in_chunks_beside_series_stored_before_this_process() throws Exception {
        int keys = 2 * MetricSeries.KEYS_PER_SELECT + 500;
        List<MetricEntity> first = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            first.add(new MetricEntity("key-" + i, i, 1, 0));
        }
        service.logBatch(runId, first, List.of(), List.of(), 0);
        metricLog.fold();
        List<MetricEntity> batch = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            batch.add(new MetricEntity("key-" + i, i, 2, 1));
        }
        // a new log knows no series ids: the first 600 keys are found stored, the rest created, 2,500 read back
        MetricLog restarted = new MetricLog(db.database());
        db.database().write(handle -> {
            restarted.append(handle, runId, batch);
            return null;
        });

        assertThat(seriesKeys()).hasSize(keys);
        assertThat(stagedPointsByKey()).allSatisfy((key, value) -> assertThat(key).isEqualTo("key-" + value.intValue()))
                .hasSize(keys);
    }

    @Test
    void a_bounded_cache_of_series_ids_evicts_runs_and_a_run_evicted_gets_its_stored_ids_back() throws Exception {
        MetricSeries series = new MetricSeries(20);
        List<MetricEntity> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            keys.add(new MetricEntity("key-" + i, i, 1, 0));
        }
        long[] first = db.database().write(handle -> series.ids(handle, runId, keys));
        for (int run = 0; run < 10; run++) {
            String other = service.createRun(experimentId, "alice", "other-" + run, null, List.of()).info().runId();
            db.database().write(handle -> series.ids(handle, other, keys));
        }
        assertThat(series.cachedSeries()).as("at most the bound, however many runs logged").isLessThanOrEqualTo(20);

        long[] again = db.database().write(handle -> series.ids(handle, runId, keys));
        assertThat(again).as("the same stored series, found again after eviction").containsExactly(first);
        assertThat(seriesKeys()).hasSize(5);
    }

    private List<String> seriesKeys() {
        return db.database().read(handle -> handle.createQuery("SELECT key FROM metric_series WHERE run_uuid = ?")
                .bind(0, runId).mapTo(String.class).list());
    }

    /** The value of each point of the log, by the key of the series it was staged under. */
    private java.util.Map<String, Double> stagedPointsByKey() {
        return db.database().read(handle -> handle.createQuery("SELECT s.key, l.value FROM metric_log l "
                        + "JOIN metric_series s ON s.id = l.series_id WHERE s.run_uuid = ?").bind(0, runId)
                .reduceRows(new java.util.HashMap<String, Double>(), (points, row) -> {
                    points.put(row.getColumn(1, String.class), row.getColumn(2, Double.class));
                    return points;
                }));
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
