package dev.mlforge.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.store.Database;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The span writer keeps its prepared statements from one group to the next on each SQLite connection: a group that
 * fails half-way must leave nothing bound for the next one, and connections the pool retires must not be used again.
 */
class SpanStatementsTest {
    @TempDir
    Path dir;

    @Test
    void groups_after_a_failed_one_and_after_the_pool_retires_its_connections_store_exactly_their_spans() {
        try (Database database = Database.open(null, dir)) {
            JdbiTraceStore store = new JdbiTraceStore(database);
            store.logSpans(List.of(export("tr-1", 3)));

            // The second span has no content (NOT NULL): the group fails after its first span row was inserted.
            SpanRow valid = span("tr-2", 1, new byte[]{1});
            SpanRow invalid = span("tr-2", 2, null);
            assertThatThrownBy(() -> store.logSpans(List.of(new TraceStore.SpanExport("0", "root", List.of(valid, invalid)))))
                    .hasMessageContaining("Cannot store spans");

            for (int group = 0; group < 20; group++) { // enough groups to meet most pooled connections
                store.logSpans(List.of(export("tr-3-" + group, 2)));
            }
            database.analyze(List.of("spans")); // retires every pooled connection, closing the idle ones
            store.logSpans(List.of(export("tr-4", 2)));

            assertThat(store.spans("tr-1")).hasSize(3);
            assertThat(store.find("tr-2")).isEmpty();
            assertThat(store.spans("tr-2")).isEmpty();
            assertThat(store.spans("tr-3-19")).hasSize(2);
            assertThat(store.spans("tr-4")).containsExactly(new byte[]{'4', 0}, new byte[]{'4', 1});
            assertThat(store.find("tr-4").orElseThrow().tags()).containsEntry(TraceStore.SPANS_LOCATION, "TRACKING_STORE")
                    .containsEntry(TraceStore.ARTIFACT_LOCATION, "root/traces/tr-4/artifacts");
            int stored = database.read(handle -> handle.createQuery("SELECT COUNT(*) FROM spans").mapTo(Integer.class).one());
            assertThat(stored).isEqualTo(3 + 20 * 2 + 2);
        }
    }

    private static TraceStore.SpanExport export(String traceId, int spans) {
        List<SpanRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < spans; i++) {
            rows.add(span(traceId, i, new byte[]{(byte) traceId.charAt(3), (byte) i}));
        }
        return new TraceStore.SpanExport("0", "root", rows);
    }

    private static SpanRow span(String traceId, int index, byte[] content) {
        return new SpanRow(traceId, String.format("%016x", index), index == 0 ? null : String.format("%016x", 0), "span-" + index,
                "LLM", "OK", 1_700_000_000_000_000_000L + index, 1_700_000_001_000_000_000L, content, null, null);
    }
}
