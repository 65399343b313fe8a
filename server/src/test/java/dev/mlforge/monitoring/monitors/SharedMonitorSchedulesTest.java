package dev.mlforge.monitoring.monitors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.cluster.Cluster;
import dev.mlforge.cluster.ClusterConfig;
import dev.mlforge.store.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two servers' monitor schedulers sharing one PostgreSQL: each occurrence of a monitor's schedule runs on exactly one
 * of them, and when one stops the other runs every occurrence.
 */
class SharedMonitorSchedulesTest {
    @RegisterExtension
    static final TestDatabases db = TestDatabases.postgres();

    private record Ran(String server, Instant at) {}

    @Test
    void each_scheduled_occurrence_runs_on_one_server_and_the_survivor_takes_them_all() throws Exception {
        ClusterConfig config = new ClusterConfig(Duration.ofSeconds(2), Duration.ofMillis(250));
        Cluster a = Cluster.open(db.database(), config, Clock.systemUTC(), "a");
        Cluster b = Cluster.open(db.database(), config, Clock.systemUTC(), "b");
        MonitorScheduler onA = new MonitorScheduler(MonitorScheduler.newExecutor(), Clock.systemUTC(), a);
        MonitorScheduler onB = new MonitorScheduler(MonitorScheduler.newExecutor(), Clock.systemUTC(), b);
        Monitor monitor = new Monitor("m-" + System.nanoTime(), "fraud", null, null, new MonitorSchedule(1L, null), Map.of(), 0.5,
                null, Instant.now());
        List<Ran> runs = Collections.synchronizedList(new ArrayList<>());
        try {
            onA.schedule(monitor, () -> runs.add(new Ran("a", Instant.now())));
            onB.schedule(monitor, () -> runs.add(new Ran("b", Instant.now())));
            Thread.sleep(4_200);
            List<Ran> together = List.copyOf(runs);
            // one run per second-aligned occurrence, 4 in 4.2 s (3 to 5 with a slow start or a loaded machine), where
            // each server running its own schedule would have run 8
            assertThat(together).as(together.toString()).hasSizeBetween(3, 5);

            onA.close(); // server a stops: its claims run out before the next occurrence
            runs.clear();
            Thread.sleep(3_200);
            assertThat(runs).hasSizeBetween(2, 4).allMatch(ran -> ran.server().equals("b"));
        } finally {
            onA.close();
            onB.close();
            a.close();
            b.close();
        }
    }
}
