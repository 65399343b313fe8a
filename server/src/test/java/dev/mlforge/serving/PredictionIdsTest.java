package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Server-given prediction ids are version-7 UUIDs that sort by time, so the log's request-id index is appended to. */
class PredictionIdsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T17:00:00Z"));
    private final PredictionIds ids = new PredictionIds(clock);

    @Test
    void ids_are_version_7_uuids_carrying_the_clock_millisecond() {
        UUID id = UUID.fromString(ids.next());

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
    }

    @Test
    void ids_of_later_milliseconds_sort_after_earlier_ones_as_text_and_never_repeat() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            made.add(ids.next());
            made.add(ids.next());
            clock.advance(Duration.ofMillis(1 + i % 3));
        }
        for (int i = 2; i < made.size(); i += 2) {
            assertThat(made.get(i)).isGreaterThan(made.get(i - 1)).isGreaterThan(made.get(i - 2));
        }
        assertThat(new HashSet<>(made)).hasSize(made.size());
    }

    @Test
    void a_usable_given_id_is_kept_and_a_blank_or_overlong_one_replaced() {
        assertThat(ids.orNew("client-42")).isEqualTo("client-42");
        assertThat(UUID.fromString(ids.orNew(null)).version()).isEqualTo(7);
        assertThat(UUID.fromString(ids.orNew("  ")).version()).isEqualTo(7);
        assertThat(UUID.fromString(ids.orNew("x".repeat(129))).version()).isEqualTo(7);
    }
}
