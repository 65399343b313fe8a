package dev.mlforge.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.features.OnlineStore.OnlineRow;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every online store must do, run against each implementation (embedded and Redis). */
abstract class OnlineStoreContract {
    private OnlineStore store;

    /** A new, empty store. */
    abstract OnlineStore open() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }

    @Test
    void values_read_back_with_their_types_and_event_time() {
        store.write("drivers", List.of(new OnlineRow("1001", 1_700_000_000_123L,
                values("rate", 0.625, "trips", 11, "big", 12_345_678_901L, "city", "paris", "active", true, "missing", null))));
        Map<String, OnlineRow> read = store.read("drivers", List.of("1001", "9999"));
        assertThat(read).containsOnlyKeys("1001");
        OnlineRow row = read.get("1001");
        assertThat(row.entityKey()).isEqualTo("1001");
        assertThat(row.eventMillis()).isEqualTo(1_700_000_000_123L);
        assertThat(row.values()).containsEntry("rate", 0.625).containsEntry("trips", 11).containsEntry("big", 12_345_678_901L)
                .containsEntry("city", "paris").containsEntry("active", true);
        assertThat(row.values().get("missing")).isNull();
        assertThat(store.read("drivers", List.of())).isEmpty();
        assertThat(store.read("other_view", List.of("1001"))).isEmpty();
    }

    @Test
    void a_row_replaces_the_stored_one_unless_that_one_is_newer() {
        store.write("drivers", List.of(new OnlineRow("1001", 2_000, values("trips", 2, "city", "rome"))));
        store.write("drivers", List.of(new OnlineRow("1001", 1_000, values("trips", 1))));
        assertThat(store.read("drivers", List.of("1001")).get("1001").values()).isEqualTo(values("trips", 2, "city", "rome"));

        store.write("drivers", List.of(new OnlineRow("1001", 3_000, values("trips", 3))));
        OnlineRow row = store.read("drivers", List.of("1001")).get("1001");
        assertThat(row.eventMillis()).isEqualTo(3_000);
        assertThat(row.values()).isEqualTo(values("trips", 3));

        store.write("drivers", List.of(new OnlineRow("1001", 3_000, values("trips", 4))));
        assertThat(store.read("drivers", List.of("1001")).get("1001").values()).isEqualTo(values("trips", 4));
    }

    @Test
    void many_rows_are_written_and_read_at_once() {
        List<OnlineRow> rows = new java.util.ArrayList<>();
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            rows.add(new OnlineRow("k" + i, i, values("n", i)));
            keys.add("k" + i);
        }
        store.write("bulk", rows);
        Map<String, OnlineRow> read = store.read("bulk", keys);
        assertThat(read).hasSize(2_500);
        assertThat(read.get("k2499").values()).isEqualTo(values("n", 2_499));
        assertThat(read.get("k7").eventMillis()).isEqualTo(7);
    }

    @Test
    void clearing_a_view_drops_only_its_rows() {
        String odd = "[\"a*b\",\"?\\\\x\"]";
        store.write("drivers", List.of(new OnlineRow("1001", 1, values("x", 1)), new OnlineRow(odd, 1, values("x", 2))));
        store.write("drivers_v2", List.of(new OnlineRow("1001", 1, values("x", 3))));
        store.write("driver*", List.of(new OnlineRow("1001", 1, values("x", 4))));
        assertThat(store.read("drivers", List.of(odd)).get(odd).values()).isEqualTo(values("x", 2));

        store.clear("driver*");
        assertThat(store.read("drivers", List.of("1001", odd))).hasSize(2);
        store.clear("drivers");
        assertThat(store.read("drivers", List.of("1001", odd))).isEmpty();
        Map<String, OnlineRow> kept = new HashMap<>(store.read("drivers_v2", List.of("1001")));
        assertThat(kept.get("1001").values()).isEqualTo(values("x", 3));
        assertThat(store.read("driver*", List.of("1001"))).isEmpty();
    }
}
