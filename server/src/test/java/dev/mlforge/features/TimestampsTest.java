package dev.mlforge.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The online answer's event times read exactly as {@link Instant#toString()} writes them. */
class TimestampsTest {
    @Test
    void event_times_are_written_as_instant_writes_them() {
        long[] edges = {0, 1, 999, 1000, 86_399_999, 86_400_000, 951_782_400_000L, 1_704_067_200_000L, 1_704_067_200_123L,
            253_402_300_799_999L, 253_402_300_800_000L, -1, -86_400_001L, Long.MAX_VALUE / 1000};
        for (long millis : edges) {
            assertThat(Timestamps.iso(millis)).as("%d ms", millis).isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long millis = random.nextLong(-5_000_000_000_000L, 300_000_000_000_000L);
            if (i % 2 == 0) {
                millis -= millis % 1000; // whole seconds, written without a fraction
            }
            assertThat(Timestamps.iso(millis)).as("%d ms", millis).isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
    }
}
