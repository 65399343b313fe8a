package dev.mlforge.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.datasets.DatasetService;
import dev.mlforge.datasets.DatasetVersionEntity;
import dev.mlforge.store.Database;
import dev.mlforge.store.Dialect;
import dev.mlforge.testsupport.RepoDatasets;
import dev.mlforge.artifacts.LocalArtifactRepository;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The V5 migration and the datasets and pipelines stores on PostgreSQL (embedded), the server's other dialect. */
class PostgresStoresTest {
    private static EmbeddedPostgres postgres;
    private static Database database;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        database = Database.open(postgres.getJdbcUrl("postgres", "postgres"), null);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        database.close();
        postgres.close();
    }

    @Test
    void datasets_are_versioned_by_content_on_postgres() {
        assertThat(database.dialect()).isEqualTo(Dialect.POSTGRESQL);
        DatasetService service = DatasetService.create(database, new LocalArtifactRepository(tmp), Clock.systemUTC());

        DatasetVersionEntity first = service.register("wine-pg", RepoDatasets.wine());
        DatasetVersionEntity again = service.register("wine-pg", RepoDatasets.wine());

        assertThat(again.version()).isEqualTo(first.version()).isEqualTo(1);
        assertThat(service.version("wine-pg", first.digest().substring(0, 12)).profile()).hasSize(14);
    }

    @Test
    void only_one_claim_of_a_schedule_fire_time_wins_on_postgres() {
        JdbiScheduleStore store = new JdbiScheduleStore(database);
        Instant due = Instant.parse("2026-01-01T02:00:00Z");
        store.save(new ScheduledPipeline("pg-nightly", "0 2 * * *", "name: x", Map.of("k", "v"), true, due, null, null));

        boolean first = store.claim("pg-nightly", due, due.plusSeconds(86_400), "a", due);
        boolean second = store.claim("pg-nightly", due, due.plusSeconds(86_400), "b", due);

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(store.find("pg-nightly").orElseThrow().lastFiredBy()).isEqualTo("a");
        assertThat(store.due(due.plusSeconds(60))).extracting(ScheduledPipeline::name).doesNotContain("pg-nightly");
    }

    @Test
    void pipeline_runs_and_step_states_round_trip_on_postgres() {
        JdbiPipelineRunStore store = new JdbiPipelineRunStore(database);
        PipelineDefinition definition = new PipelineParser(StepCatalog.standard()).parse(
                "name: pg\nsteps:\n  - {name: a, uses: load, with: {path: x.csv}}\n  - {name: b, uses: split, inputs: {data: a.data}}\n",
                Map.of());
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        store.createRun("pg-run", definition, Map.of("p", "1"), "api", now);
        store.saveStep("pg-run", new StepRecord("b", StepState.FAILED, 2, false, null, "t1", "boom", null, now));
        store.finishRun("pg-run", PipelineStatus.FAILED, "parent", null, now.plusSeconds(5));

        PipelineRunRecord run = store.find("pg-run").orElseThrow();
        assertThat(run.status()).isEqualTo(PipelineStatus.FAILED);
        assertThat(run.params()).containsEntry("p", "1");
        assertThat(run.steps()).extracting(StepRecord::step, StepRecord::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", StepState.PENDING),
                        org.assertj.core.groups.Tuple.tuple("b", StepState.FAILED));
        assertThat(store.list("pg", 10)).hasSize(1);
        assertThat(store.hasRunning("api")).isFalse();
    }
}
