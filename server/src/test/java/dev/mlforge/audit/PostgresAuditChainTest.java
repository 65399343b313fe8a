package dev.mlforge.audit;

import dev.mlforge.store.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** The audit chain's attacks on a PostgreSQL database (the JVM's embedded server), edited over plain JDBC. */
class PostgresAuditChainTest extends AuditChainContract {
    @Override
    String newStoreUri(Path dir) {
        return TestDatabases.newPostgresDatabase();
    }

    @Override
    Connection connect(String uri) throws SQLException {
        return DriverManager.getConnection(uri);
    }

    @Override
    List<String> dropAppendOnlyTriggers() {
        return List.of("ALTER TABLE audit_records DISABLE TRIGGER USER", "ALTER TABLE audit_head DISABLE TRIGGER USER");
    }
}
