package dev.mlforge.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** The audit chain's attacks on a SQLite file, edited with the plain SQLite JDBC driver. */
class SqliteAuditChainTest extends AuditChainContract {
    @Override
    String newStoreUri(Path dir) {
        return "sqlite:///" + dir.resolve("mlforge.db").toAbsolutePath();
    }

    @Override
    Connection connect(String uri) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + uri.substring("sqlite://".length()));
    }

    @Override
    List<String> dropAppendOnlyTriggers() {
        return List.of("DROP TRIGGER audit_records_no_update", "DROP TRIGGER audit_records_no_delete",
                "DROP TRIGGER audit_head_no_delete", "DROP TRIGGER audit_head_forward_only");
    }
}
