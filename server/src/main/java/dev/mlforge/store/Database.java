package dev.mlforge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.config.SecretText;
import dev.mlforge.http.MlforgeException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The connection pool, the Jdbi instance and the schema migrations of one backend store.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=NORMAL} (a committed transaction survives the
 * process being killed), {@code BEGIN IMMEDIATE} transactions and a 30 s busy timeout; writes are
 * also serialised in the JVM so that concurrent writers queue on a lock instead of polling SQLite's
 * busy handler, and clients never see {@code SQLITE_BUSY}.
 *
 * <p>The WAL is checkpointed into the database file by a thread of its own ({@link WalCheckpointer}), beside the
 * writer, half a second after writes. SQLite's own automatic checkpoint, which the committing writer runs inside the
 * write lock, stays only as a backstop once the WAL holds {@value #WAL_CHECKPOINT_PAGES} pages (100 MB; SQLite's
 * default is 1000 pages, 4 MB): a log-batch of 1000 distinct metric keys dirties about one page per key, so with the
 * default every such batch made its writer copy the whole WAL back and fsync while every other write waited.
 * Checkpoints do not decide what survives a crash (a committed transaction is in the WAL either way), so this
 * changes cost, not durability.
 */
public final class Database implements AutoCloseable {
    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private static final int WAL_CHECKPOINT_PAGES = 25_000;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final WorkspaceContext workspace = new WorkspaceContext();
    /** SQLite's WAL checkpoints off the write lock; null on PostgreSQL. */
    private final WalCheckpointer checkpointer;

    private Database(Dialect dialect, HikariDataSource dataSource) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.checkpointer = dialect == Dialect.SQLITE ? new WalCheckpointer(dataSource) : null;
    }

    /**
     * Opens the store named by {@code uri} ({@code sqlite:///path}, {@code postgresql://user:pw@host:port/db}
     * or a JDBC URL), or the SQLite file {@code <dataDir>/mlforge.db} when {@code uri} is null, and migrates it.
     */
    public static Database open(String uri, Path dataDir) {
        Database database = uri == null
                ? sqlite(dataDir.resolve("mlforge.db"))
                : fromUri(uri);
        database.migrate();
        return database;
    }

    private static Database fromUri(String uri) {
        if (uri.startsWith("jdbc:sqlite:")) {
            return sqlite(Path.of(uri.substring("jdbc:sqlite:".length())));
        }
        if (uri.startsWith("sqlite:")) {
            String path = uri.substring("sqlite:".length()).replaceFirst("^//", "");
            return sqlite(Path.of(path));
        }
        if (uri.startsWith("jdbc:postgresql:")) {
            return postgres(uri, null, null);
        }
        if (uri.startsWith("postgresql:") || uri.startsWith("postgres:")) {
            URI parsed;
            try {
                parsed = new URI(uri);
            } catch (java.net.URISyntaxException e) {
                // The exception's own message quotes the whole input, password included: only its reason is kept.
                throw MlforgeException.invalidParameter("Invalid backend store URI " + SecretText.redactedUri(uri) + ": "
                        + e.getReason() + " at index " + e.getIndex());
            }
            if (parsed.getHost() == null) {
                throw MlforgeException.invalidParameter("Invalid backend store URI " + SecretText.redactedUri(uri)
                        + ": expected postgresql://USER:PASSWORD@HOST:PORT/DB");
            }
            String user = null;
            String password = null;
            if (parsed.getRawUserInfo() != null) {
                String[] parts = parsed.getUserInfo().split(":", 2);
                user = parts[0];
                password = parts.length > 1 ? parts[1] : null;
            }
            int port = parsed.getPort() < 0 ? 5432 : parsed.getPort();
            String query = parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery();
            String jdbcUrl = "jdbc:postgresql://" + parsed.getHost() + ":" + port + parsed.getRawPath() + query;
            return postgres(jdbcUrl, user, password);
        }
        throw MlforgeException.invalidParameter("Unsupported backend store URI: " + SecretText.redactedUri(uri));
    }

    private static Database sqlite(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new MlforgeException(ErrorCode.INTERNAL_ERROR, "Cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("mlforge-sqlite");
        config.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "NORMAL");
        config.addDataSourceProperty("busy_timeout", "30000");
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("cache_size", "-32000");
        config.addDataSourceProperty("wal_autocheckpoint", String.valueOf(WAL_CHECKPOINT_PAGES));
        // After a checkpoint the WAL file is cut back to 64 MB instead of keeping the largest size it ever had.
        config.addDataSourceProperty("journal_size_limit", String.valueOf(64L << 20));
        // Reads through a shared memory map instead of each pooled connection warming its own page cache.
        config.addDataSourceProperty("mmap_size", String.valueOf(1L << 30));
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        return new Database(Dialect.SQLITE, new HikariDataSource(config));
    }

    private static Database postgres(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("mlforge-postgresql");
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(16);
        config.setMinimumIdle(1);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new Database(Dialect.POSTGRESQL, new HikariDataSource(config));
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect.migrationLocation())
                .load()
                .migrate();
    }

    public Dialect dialect() {
        return dialect;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The workspace the current thread acts in: names are looked up and created within it. */
    public WorkspaceContext workspace() {
        return workspace;
    }

    /**
     * Runs {@code callback} in one write transaction (serialised in the JVM on SQLite). On PostgreSQL a transaction
     * chosen as a deadlock victim or failing serialization is run again whole ({@link TransientConflicts}), so the
     * callback must touch nothing but the handle: anything it does outside the database may happen more than once.
     */
    public <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
        if (dialect == Dialect.SQLITE) {
            writeLock.lock();
            try {
                return jdbi.inTransaction(callback);
            } finally {
                writeLock.unlock();
                checkpointer.written();
            }
        }
        if (jdbi.getHandleScope().get() != null) {
            return jdbi.inTransaction(callback); // inside an outer handle: only the outermost transaction can be rerun
        }
        return TransientConflicts.retry(() -> jdbi.inTransaction(callback));
    }

    /**
     * Refreshes SQLite's planner statistics of {@code tables}, then retires every pooled connection. A connection
     * reads the statistics when it loads the schema, and another connection's ANALYZE does not make it reload them:
     * it keeps planning with the old ones. At 100,000 runs, searches served by connections holding the statistics of
     * the first few thousand writes walked every run's order metric instead of the tenth of the runs matching a param
     * (384-443 ms instead of 40). Retired connections close when they are next returned; new ones load the new
     * statistics. Nothing to do on PostgreSQL, whose autovacuum keeps statistics current for every session.
     */
    public void analyze(List<String> tables) {
        if (dialect != Dialect.SQLITE) {
            return;
        }
        write(handle -> {
            for (String table : tables) {
                handle.execute("ANALYZE " + table);
            }
            return null;
        });
        dataSource.getHikariPoolMXBean().softEvictConnections();
    }

    /** Runs {@code callback} on a handle without a write transaction. */
    public <R, X extends Exception> R read(HandleCallback<R, X> callback) throws X {
        return jdbi.withHandle(callback);
    }

    /** True when the database answers a trivial query: what a readiness probe asks. False once closed. */
    public boolean answers() {
        try {
            return read(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.close();
        }
        dataSource.close();
    }
}
