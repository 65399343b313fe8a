package dev.mlforge.store;

import dev.mlforge.concurrent.DaemonThreads;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file on its own thread, every {@value #INTERVAL_MILLIS} ms
 * after a write, with a {@code PASSIVE} checkpoint: it runs beside the writer (SQLite lets a checkpoint and a write
 * transaction proceed at once, and a passive one waits for neither readers nor writers). Left to SQLite's automatic
 * checkpoint, the committing writer does this copy and its fsync itself, inside the one write lock every other write
 * queues on: on log-batch ingest, the commit of a fold of the staged metric log paid for the checkpoint it triggered.
 * The automatic checkpoint stays as a backstop at a larger WAL ({@link Database}). Checkpoints decide cost, not
 * durability: a committed transaction is in the WAL either way.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);
    static final long INTERVAL_MILLIS = 500;

    private final DataSource dataSource;
    private final ScheduledExecutorService thread;
    private volatile boolean written;

    WalCheckpointer(DataSource dataSource) {
        this.dataSource = dataSource;
        this.thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mlforge-wal-checkpointer"));
        thread.scheduleWithFixedDelay(this::checkpointIfWritten, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Tells the checkpointer a write transaction committed. */
    void written() {
        if (!written) {
            written = true;
        }
    }

    private void checkpointIfWritten() {
        if (!written) {
            return;
        }
        written = false;
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            if (result.next() && result.getInt(3) < result.getInt(2)) {
                written = true; // readers still use some frames: copy the rest at the next turn
            }
        } catch (SQLException | RuntimeException e) {
            written = true;
            log.debug("WAL checkpoint not done this time: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
