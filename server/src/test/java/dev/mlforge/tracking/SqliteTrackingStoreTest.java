package dev.mlforge.tracking;

import dev.mlforge.search.ResultPage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.store.Database;
import dev.mlforge.store.TestDatabases;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteTrackingStoreTest extends TrackingStoreContract {
    @RegisterExtension
    static final TestDatabases db = TestDatabases.sqlite();

    @Override
    Database database() {
        return db.database();
    }

    @Test
    void planner_statistics_are_collected_for_search() {
        int statisticsTables = db.database().read(handle -> handle.createQuery(
                "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").mapTo(Integer.class).one());
        assertThat(statisticsTables).isEqualTo(1);
    }

    @Test
    void an_index_without_planner_statistics_gets_them_when_the_store_opens() {
        service.createRun(experimentId, "alice", "stats", null, java.util.List.of());
        db.database().analyze(java.util.List.of("runs"));
        db.database().write(handle -> handle.execute("DELETE FROM sqlite_stat1 WHERE idx = 'runs_experiment_name'"));

        new JdbiTrackingStore(db.database());

        int rows = db.database().read(handle -> handle.createQuery(
                "SELECT count(*) FROM sqlite_stat1 WHERE idx = 'runs_experiment_name'").mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
    }

    /** The walks of SearchSql.orderedWalk exist on SQLite only; PostgreSQL plans the LIMIT itself. */
    @Test
    void ordered_searches_are_exact_whether_their_filter_matches_many_runs_or_only_the_last_ones() {
        // More runs than an ordered walk of an index reads before it gives way to the filter-first plan (2,500 for
        // one page): the common param matches every other run; the rare one only the 30 oldest runs, with the lowest
        // scores, which a walk from the newest run or the top score never reaches. Start times tie in pairs.
        int count = 3_000;
        List<RunFixture> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long startTime = 1_000L + i / 2;
            String runId = service.createRun(experimentId, "alice", "w" + i, startTime, List.of()).info().runId();
            service.logBatch(runId, List.of(new MetricEntity("score", i / (double) count, 1, 0), new MetricEntity("other", i % 7, 1, 0)),
                    List.of(new ParamEntity("common", i % 2 == 0 ? "yes" : "no"), new ParamEntity("rare", i < 30 ? "yes" : "no")),
                    List.of(), 0);
            runs.add(new RunFixture(runId, i / (double) count, i % 2 == 0 ? "yes" : "no", startTime));
        }
        Comparator<RunFixture> newestFirst = Comparator.comparing(RunFixture::startTime, Comparator.reverseOrder())
                .thenComparing(RunFixture::runId);
        List<RunFixture> byScore = runs.stream().sorted(Comparator.comparing(RunFixture::score).reversed()).toList();
        List<RunFixture> newest = runs.stream().sorted(newestFirst).toList();
        List<RunFixture> rare = runs.subList(0, 30);
        assertThat(ids(search("params.common = 'yes' and metrics.other >= 0", 100, "metrics.score DESC")))
                .containsExactlyElementsOf(runIds(byScore.stream().filter(run -> run.group().equals("yes")).limit(100)));
        assertThat(ids(search("params.rare = 'yes'", 20, "metrics.score DESC")))
                .containsExactlyElementsOf(runIds(rare.stream().sorted(Comparator.comparing(RunFixture::score).reversed()).limit(20)));
        assertThat(ids(search("params.rare = 'no'", 10, "metrics.score ASC"))).containsExactlyElementsOf(runIds(runs.subList(30, 40).stream()));
        assertThat(ids(search("params.common = 'yes'", 100, null)))
                .containsExactlyElementsOf(runIds(newest.stream().filter(run -> run.group().equals("yes")).limit(100)));
        assertThat(ids(search("params.rare = 'yes' and attributes.run_name LIKE 'w%'", 20, "attributes.start_time DESC")))
                .containsExactlyElementsOf(runIds(rare.stream().sorted(newestFirst).limit(20)));
        assertThat(ids(search("params.rare = 'no'", 10, "attributes.start_time ASC"))).containsExactlyElementsOf(runIds(
                runs.subList(30, count).stream().sorted(Comparator.comparing(RunFixture::startTime)
                        .thenComparing(RunFixture::runId)).limit(10)));
    }

    /** The value-group reads of ValueGroupSql exist on SQLite only. */
    @Test
    void a_search_ordered_by_a_param_or_tag_pages_through_large_value_groups_from_where_the_last_page_ended() {
        // 2,100 runs share a value (a group walked in start-time order), 30 share another (a group read and sorted),
        // 20 lack the key and come last; start times tie in threes.
        int count = 2_150;
        List<RunFixture> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long startTime = 1_000L + i / 3;
            String group = i < 2_100 ? "big" : i < 2_130 ? "small" : null;
            String runId = service.createRun(experimentId, "alice", "g" + i, startTime,
                    group == null ? List.of() : List.of(new Tag("size", group))).info().runId();
            if (group != null) {
                service.logParam(runId, new ParamEntity("size", group));
            }
            runs.add(new RunFixture(runId, null, group, startTime));
        }
        Comparator<RunFixture> ties = Comparator.comparing(RunFixture::startTime, Comparator.reverseOrder())
                .thenComparing(RunFixture::runId);
        Comparator<RunFixture> byValue = Comparator.comparing(RunFixture::group, Comparator.nullsLast(Comparator.naturalOrder()));
        Comparator<RunFixture> byValueDesc = Comparator.comparing(RunFixture::group, Comparator.nullsLast(Comparator.reverseOrder()));
        for (String orderBy : List.of("params.size ASC", "params.size DESC", "tags.size DESC")) {
            List<String> expected = runs.stream().sorted((orderBy.endsWith("ASC") ? byValue : byValueDesc).thenComparing(ties))
                    .map(RunFixture::runId).toList();
            assertThat(allPages(null, List.of(orderBy), 100)).as(orderBy).containsExactlyElementsOf(expected);
            assertThat(allPages(null, List.of(orderBy), 700)).as(orderBy).containsExactlyElementsOf(expected);
        }
        // The next page starts after the last run shown, not after as many runs as were shown: a run of the first page
        // deleted meanwhile does not make the second page skip one.
        List<String> expected = runs.stream().sorted(byValue.thenComparing(ties)).map(RunFixture::runId).toList();
        ResultPage<RunEntity> first = search(null, 100, "params.size ASC");
        assertThat(dev.mlforge.search.PageToken.seek(first.nextPageToken())).isNotNull();
        service.deleteRun(ids(first).get(0));
        ResultPage<RunEntity> second = service.searchRuns(List.of(experimentId), null, null, 100, List.of("params.size ASC"),
                first.nextPageToken());
        assertThat(ids(second)).containsExactlyElementsOf(expected.subList(100, 200));
    }

    private ResultPage<RunEntity> search(String filter, int maxResults, String orderBy) {
        return service.searchRuns(List.of(experimentId), filter, null, maxResults, orderBy == null ? List.of() : List.of(orderBy), null);
    }

    private static List<String> runIds(java.util.stream.Stream<RunFixture> runs) {
        return runs.map(RunFixture::runId).toList();
    }

    private static List<String> ids(ResultPage<RunEntity> page) {
        return page.items().stream().map(run -> run.info().runId()).toList();
    }
}
