package dev.mlforge.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.store.Database;
import dev.mlforge.store.TestDatabases;
import dev.mlforge.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Leases in a real PostgreSQL shared by two "servers" (two holders), with a clock the test moves. */
class LeasesTest {
    @RegisterExtension
    static final TestDatabases db = TestDatabases.postgres();
    @RegisterExtension
    static final TestDatabases sqlite = TestDatabases.sqlite();

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));

    private Leases server(String holder) {
        return new JdbiLeases(db.database(), holder, clock);
    }

    @Test
    void a_held_lease_is_refused_to_others_until_it_expires_then_taken_with_a_larger_token() {
        Leases a = server("a");
        Leases b = server("b");
        Lease held = a.acquire("work-1", TEN_SECONDS).orElseThrow();
        assertThat(held.holder()).isEqualTo("a");
        assertThat(b.acquire("work-1", TEN_SECONDS)).isEmpty();
        assertThat(a.acquire("work-1", TEN_SECONDS)).as("not even its holder takes it twice").isEmpty();

        clock.advance(Duration.ofSeconds(9));
        Lease renewed = a.renew(held, TEN_SECONDS).orElseThrow();
        assertThat(renewed.token()).isEqualTo(held.token());
        clock.advance(Duration.ofSeconds(9));
        assertThat(b.acquire("work-1", TEN_SECONDS)).as("renewed: still held").isEmpty();

        clock.advance(Duration.ofSeconds(2)); // a stopped renewing (killed): its lease ran out
        Lease taken = b.acquire("work-1", TEN_SECONDS).orElseThrow();
        assertThat(taken.holder()).isEqualTo("b");
        assertThat(taken.token()).isGreaterThan(held.token());
        assertThat(a.current(renewed)).isFalse();
        assertThat(b.current(taken)).isTrue();
        assertThat(a.renew(renewed, TEN_SECONDS)).as("the fencing token is stale").isEmpty();
        a.release(renewed); // a stale release changes nothing
        assertThat(b.current(taken)).isTrue();
        assertThat(server("c").acquire("work-1", TEN_SECONDS)).isEmpty();
    }

    @Test
    void a_released_lease_is_free_at_once() {
        Leases a = server("a");
        Lease held = a.acquire("work-2", TEN_SECONDS).orElseThrow();
        a.release(held);
        assertThat(a.current(held)).isTrue(); // nobody took it yet
        Lease next = server("b").acquire("work-2", TEN_SECONDS).orElseThrow();
        assertThat(next.token()).isGreaterThan(held.token());
        assertThat(a.current(held)).isFalse();
    }

    @Test
    void of_many_servers_racing_for_a_free_lease_exactly_one_wins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String name = "race-" + round;
                List<Callable<Optional<Lease>>> racers = new ArrayList<>();
                for (int server = 0; server < 8; server++) {
                    Leases leases = server("s" + server);
                    racers.add(() -> leases.acquire(name, TEN_SECONDS));
                }
                int winners = 0;
                for (Future<Optional<Lease>> result : pool.invokeAll(racers)) {
                    winners += result.get().isPresent() ? 1 : 0;
                }
                assertThat(winners).as(name).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_hold_is_renewed_in_the_background_and_released_when_closed() throws Exception {
        Cluster a = Cluster.open(db.database(), new ClusterConfig(Duration.ofMillis(600), Duration.ofMillis(250)), Clock.systemUTC(), "a");
        Cluster b = Cluster.open(db.database(), new ClusterConfig(Duration.ofMillis(600), Duration.ofMillis(250)), Clock.systemUTC(), "b");
        try {
            assertThat(a.shared()).isTrue();
            Cluster.Hold hold = a.hold("held-work").orElseThrow();
            Thread.sleep(1500); // more than two lease times: only renewals keep it
            assertThat(b.hold("held-work")).isEmpty();
            assertThat(hold.lost()).isFalse();
            hold.close();
            Cluster.Hold taken = b.hold("held-work").orElseThrow();
            assertThat(hold.lost()).isTrue();
            taken.close();
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void leases_long_expired_are_pruned_and_a_name_taken_again_gets_a_larger_token() {
        Leases a = server("a");
        Leases b = server("b");
        Lease old = a.acquire("prune-old", TEN_SECONDS).orElseThrow();
        a.acquire("prune-recent", TEN_SECONDS).orElseThrow();
        Lease held = b.acquire("prune-held", Duration.ofHours(2)).orElseThrow();

        clock.advance(Duration.ofMinutes(30));
        Lease recent = a.acquire("prune-recent", TEN_SECONDS).orElseThrow(); // expired, taken again: 30 min left of it
        clock.advance(Duration.ofMinutes(35));
        assertThat(names("prune-%")).containsExactlyInAnyOrder("prune-old", "prune-recent", "prune-held");

        assertThat(a.prune(Duration.ofHours(1))).isGreaterThanOrEqualTo(1);

        assertThat(names("prune-%")).as("only the lease expired for more than an hour goes")
                .containsExactlyInAnyOrder("prune-recent", "prune-held");
        assertThat(b.current(held)).isTrue();
        Lease again = b.acquire("prune-old", TEN_SECONDS).orElseThrow();
        assertThat(again.token()).as("a pruned name starts above its old tokens").isGreaterThan(old.token());
        assertThat(a.current(old)).isFalse();
        assertThat(recent.token()).isGreaterThan(1);
    }

    private List<String> names(String like) {
        return db.database().read(handle -> handle.createQuery("SELECT name FROM leases WHERE name LIKE :like")
                .bind("like", like).mapTo(String.class).list());
    }

    @Test
    void on_the_embedded_sqlite_store_a_server_is_alone_and_every_lease_is_granted() {
        Database database = sqlite.database();
        Cluster single = Cluster.open(database, ClusterConfig.DEFAULT, clock, "only");
        assertThat(single.shared()).isFalse();
        Cluster.Hold first = single.hold("work").orElseThrow();
        assertThat(single.hold("work")).as("no sharing: nothing to refuse").isPresent();
        assertThat(single.claim("monitor:m", Duration.ofMinutes(1))).isTrue();
        assertThat(first.lost()).isFalse();
        first.close();
        Integer rows = database.read(handle -> handle.createQuery("SELECT COUNT(*) FROM leases").mapTo(Integer.class).one());
        assertThat(rows).as("nothing written on a single server").isZero();
    }
}
