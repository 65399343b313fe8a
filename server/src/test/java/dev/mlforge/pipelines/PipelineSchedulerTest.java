package dev.mlforge.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.store.Database;
import dev.mlforge.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineSchedulerTest {
    private static final String YAML = "name: nightly\nsteps:\n  - {name: a, uses: load, with: {path: x.csv}}\n";

    @TempDir
    Path tmp;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:30Z"));
    private final List<String> submitted = Collections.synchronizedList(new ArrayList<>());
    private final PipelineParser parser = new PipelineParser(StepCatalog.standard());
    private Database database;

    @BeforeEach
    void setUp() {
        database = Database.open(null, tmp.resolve("db"));
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private PipelineScheduler scheduler(Database db, String instance) {
        return new PipelineScheduler(new JdbiScheduleStore(db), (yaml, params, trigger) -> {
            submitted.add(instance + ":" + trigger);
            return "run-" + submitted.size();
        }, yaml -> parser.parse(yaml, Map.of()), clock, instance, db.workspace());
    }

    @Test
    void a_schedule_fires_when_due_and_moves_to_its_next_time() {
        PipelineScheduler scheduler = scheduler(database, "one");
        ScheduledPipeline schedule = scheduler.schedule("nightly", "0 2 * * *", YAML, Map.of(), true);
        assertThat(schedule.nextFireAt()).isEqualTo(Instant.parse("2026-01-01T02:00:00Z"));

        assertThat(scheduler.tick()).isEmpty();
        clock.advance(Duration.ofHours(2));
        assertThat(scheduler.tick()).hasSize(1);
        assertThat(scheduler.tick()).isEmpty();

        ScheduledPipeline after = scheduler.schedules().get(0);
        assertThat(after.nextFireAt()).isEqualTo(Instant.parse("2026-01-02T02:00:00Z"));
        assertThat(after.lastFiredBy()).isEqualTo("one");
        assertThat(submitted).containsExactly("one:schedule:nightly");
    }

    @Test
    void missed_fire_times_fire_once() {
        PipelineScheduler scheduler = scheduler(database, "one");
        scheduler.schedule("hourly", "0 * * * *", YAML, Map.of(), true);
        clock.advance(Duration.ofHours(5));

        scheduler.tick();
        scheduler.tick();

        assertThat(submitted).hasSize(1);
    }

    @Test
    void two_servers_sharing_a_store_fire_a_due_schedule_exactly_once() throws Exception {
        try (Database second = Database.open("sqlite:///" + tmp.resolve("db/mlforge.db"), tmp)) {
            PipelineScheduler a = scheduler(database, "a");
            PipelineScheduler b = scheduler(second, "b");
            a.schedule("minutely", "* * * * *", YAML, Map.of(), true);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int minute = 0; minute < 20; minute++) {
                    clock.advance(Duration.ofMinutes(1));
                    List<Future<List<String>>> ticks = pool.invokeAll(List.<Callable<List<String>>>of(a::tick, b::tick));
                    for (Future<List<String>> tick : ticks) {
                        tick.get();
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }

        assertThat(submitted).hasSize(20);
    }

    @Test
    void disabled_schedules_do_not_fire() {
        PipelineScheduler scheduler = scheduler(database, "one");
        scheduler.schedule("off", "* * * * *", YAML, Map.of(), false);
        clock.advance(Duration.ofMinutes(3));

        assertThat(scheduler.tick()).isEmpty();
    }

    @Test
    void invalid_cron_expressions_and_pipelines_are_refused() {
        PipelineScheduler scheduler = scheduler(database, "one");

        assertThatThrownBy(() -> scheduler.schedule("bad", "every day", YAML, Map.of(), true))
                .hasMessageContaining("Invalid cron expression 'every day' (five fields");
        assertThatThrownBy(() -> scheduler.schedule("bad", "61 * * * *", YAML, Map.of(), true))
                .hasMessageContaining("Invalid cron expression '61 * * * *'");
        assertThatThrownBy(() -> scheduler.schedule("bad", "* * * * *", "name: x\nsteps: []\n", Map.of(), true))
                .hasMessageContaining("'steps' must be a non-empty list");
        assertThat(scheduler.schedules()).isEmpty();
    }

    @Test
    void unscheduling_an_unknown_schedule_is_not_found() {
        assertThatThrownBy(() -> scheduler(database, "one").unschedule("ghost")).hasMessageContaining("Schedule 'ghost' does not exist");
    }
}
