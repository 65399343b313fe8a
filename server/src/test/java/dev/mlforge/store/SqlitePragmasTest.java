package dev.mlforge.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SQLite connection settings the stores rely on are applied to pooled connections. */
class SqlitePragmasTest {
    @RegisterExtension
    static final TestDatabases db = TestDatabases.sqlite();

    @Test
    void pooled_connections_use_wal_and_a_memory_map() {
        assertThat(pragma("journal_mode")).isEqualTo("wal");
        assertThat(Long.parseLong(pragma("mmap_size"))).isEqualTo(1L << 30);
    }

    @Test
    void pooled_connections_checkpoint_the_wal_themselves_only_past_25_000_pages_and_cut_it_back_to_64_mb() {
        assertThat(pragma("wal_autocheckpoint")).isEqualTo("25000");
        assertThat(Long.parseLong(pragma("journal_size_limit"))).isEqualTo(64L << 20);
    }

    private static String pragma(String name) {
        return db.database().read(handle -> handle.createQuery("PRAGMA " + name).mapTo(String.class).one());
    }
}
