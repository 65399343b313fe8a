package dev.mlforge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Database#write} on a real PostgreSQL runs a deadlock victim's transaction again, and nothing else. */
class WriteRetryOnPostgresTest {
    @RegisterExtension
    static final TestDatabases db = TestDatabases.postgres();

    @Test
    void two_writers_locking_two_rows_in_opposite_orders_both_commit_exactly_once() throws Exception {
        Database database = db.database();
        database.write(handle -> {
            handle.execute("CREATE TABLE deadlock_rows (id INT PRIMARY KEY, hits INT NOT NULL)");
            handle.execute("INSERT INTO deadlock_rows (id, hits) VALUES (1, 0), (2, 0)");
            return handle.execute("CREATE TABLE deadlock_writes (writer TEXT NOT NULL)");
        });
        CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);
        AtomicInteger leftRuns = new AtomicInteger();
        AtomicInteger rightRuns = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            Future<?> left = writers.submit(() -> lockBoth(database, "left", 1, 2, leftRuns, bothHoldTheirFirstRow));
            Future<?> right = writers.submit(() -> lockBoth(database, "right", 2, 1, rightRuns, bothHoldTheirFirstRow));
            left.get(60, TimeUnit.SECONDS);
            right.get(60, TimeUnit.SECONDS);
        } finally {
            writers.shutdownNow();
        }

        assertThat(leftRuns.get() + rightRuns.get()).as("one writer was the deadlock victim and ran again").isEqualTo(3);
        List<String> committed = database.read(handle -> handle.createQuery(
                "SELECT writer FROM deadlock_writes ORDER BY writer").mapTo(String.class).list());
        assertThat(committed).containsExactly("left", "right");
        List<Integer> hits = database.read(handle -> handle.createQuery(
                "SELECT hits FROM deadlock_rows ORDER BY id").mapTo(Integer.class).list());
        assertThat(hits).containsExactly(2, 2);
    }

    @Test
    void a_failure_other_than_a_conflict_is_not_run_again() {
        Database database = db.database();
        database.write(handle -> handle.execute("CREATE TABLE unique_names (name TEXT PRIMARY KEY)"));
        database.write(handle -> handle.execute("INSERT INTO unique_names VALUES ('taken')"));
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> database.write(handle -> {
            runs.incrementAndGet();
            return handle.execute("INSERT INTO unique_names VALUES ('taken')");
        })).isInstanceOf(UnableToExecuteStatementException.class);
        assertThat(runs).hasValue(1);
    }

    @Test
    void a_transaction_that_keeps_failing_serialization_gives_up_after_the_last_attempt() {
        Database database = db.database();
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> database.write(handle -> {
            runs.incrementAndGet();
            return handle.execute("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$");
        })).satisfies(failure -> assertThat(TransientConflicts.retryableState(failure)).isEqualTo("40001"));
        assertThat(runs).hasValue(TransientConflicts.ATTEMPTS);
    }

    @Test
    void a_write_inside_another_is_left_to_the_outer_one_to_run_again() {
        Database database = db.database();
        AtomicInteger innerRuns = new AtomicInteger();
        AtomicInteger outerRuns = new AtomicInteger();

        assertThatThrownBy(() -> database.write(outer -> {
            outerRuns.incrementAndGet();
            return database.write(inner -> {
                innerRuns.incrementAndGet();
                return inner.execute("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40P01'; END $$");
            });
        })).satisfies(failure -> assertThat(TransientConflicts.retryableState(failure)).isEqualTo("40P01"));
        assertThat(innerRuns).as("each run of the inner write belongs to one run of the outer").hasValue(outerRuns.get());
        assertThat(outerRuns).hasValue(TransientConflicts.ATTEMPTS);
    }

    /** Locks {@code first}, waits (on its first run only) until the other writer holds its own first row, then {@code second}. */
    private static Void lockBoth(Database database, String writer, int first, int second, AtomicInteger runs,
            CyclicBarrier bothHoldTheirFirstRow) throws Exception {
        return database.write(handle -> {
            int run = runs.incrementAndGet();
            handle.execute("UPDATE deadlock_rows SET hits = hits + 1 WHERE id = ?", first);
            if (run == 1) {
                bothHoldTheirFirstRow.await(30, TimeUnit.SECONDS);
            }
            handle.execute("UPDATE deadlock_rows SET hits = hits + 1 WHERE id = ?", second);
            handle.execute("INSERT INTO deadlock_writes (writer) VALUES (?)", writer);
            return null;
        });
    }
}
