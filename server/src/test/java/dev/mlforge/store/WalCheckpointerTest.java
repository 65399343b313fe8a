package dev.mlforge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Written pages reach the database file soon after the writes, although the WAL stays far below the size at which a
 * committing writer would checkpoint it itself: the checkpointer's thread copied them.
 */
class WalCheckpointerTest {
    private static final int ROWS = 2_000;
    private static final int ROW_BYTES = 1_000;

    @TempDir
    Path dir;

    @Test
    void the_wal_is_copied_into_the_database_file_beside_the_writer() throws Exception {
        try (Database database = Database.open(null, dir)) {
            database.write(handle -> handle.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)"));
            Path file = dir.resolve("mlforge.db");
            long before = Files.size(file);
            database.write(handle -> {
                for (int id = 0; id < ROWS; id++) {
                    handle.execute("INSERT INTO filler (id, payload) VALUES (?, zeroblob(?))", id, ROW_BYTES);
                }
                return null;
            });
            long written = (long) ROWS * ROW_BYTES;
            assertThat(Files.size(dir.resolve("mlforge.db-wal"))).as("the rows are in the WAL").isGreaterThan(written);

            await().atMost(Duration.ofSeconds(10)).until(() -> Files.size(file) - before >= written);
            int stored = database.read(handle -> handle.createQuery("SELECT count(*) FROM filler").mapTo(Integer.class).one());
            assertThat(stored).isEqualTo(ROWS);
        }
    }
}
