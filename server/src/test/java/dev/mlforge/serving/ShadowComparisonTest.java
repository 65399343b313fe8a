package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.api.serving.ShadowComparisonResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShadowComparisonTest {
    private static final Instant T = Instant.ofEpochMilli(1764720000000L);

    private static String values(String datatype, String... values) {
        return "[{\"name\":\"y\",\"shape\":[" + values.length + "],\"datatype\":\"" + datatype + "\",\"data\":["
                + String.join(",", values) + "]}]";
    }

    @Test
    void labels_are_compared_row_by_row_and_counted_per_version_pair() {
        List<ShadowPair> pairs = List.of(
                new ShadowPair("a", T, "1", "2", values("INT64", "0", "1", "2"), values("INT64", "0", "2", "2")),
                new ShadowPair("b", T, "1", "3", values("INT64", "1"), values("INT64", "1")));

        ShadowComparisonResponse comparison = ShadowComparison.compare("d", null, null, pairs, 0, 0, 20);

        assertThat(comparison.comparedRequests()).isEqualTo(2);
        assertThat(comparison.comparedRows()).isEqualTo(4);
        assertThat(comparison.disagreeingRows()).isEqualTo(1);
        assertThat(comparison.disagreementRate()).isEqualTo(0.25);
        assertThat(comparison.versions()).hasSize(2);
        assertThat(comparison.versions().get(0).disagreementRate()).isEqualTo(1.0 / 3);
        assertThat(comparison.versions().get(1).disagreementRate()).isZero();
        assertThat(comparison.disagreements()).singleElement().satisfies(row -> {
            assertThat(row.requestId()).isEqualTo("a");
            assertThat(row.row()).isEqualTo(1);
            assertThat(row.primary()).isEqualTo(1);
            assertThat(row.shadow()).isEqualTo(2);
        });
    }

    @Test
    void regression_values_agree_within_the_tolerance_and_strings_must_be_equal() {
        List<ShadowPair> numbers = List.of(new ShadowPair("a", T, "1", "2", values("FP64", "1.0", "2.0"), values("FP64", "1.05", "2.5")));
        List<ShadowPair> strings = List.of(new ShadowPair("s", T, "1", "2", values("BYTES", "\"cat\"", "\"dog\""),
                values("BYTES", "\"cat\"", "\"cow\"")));

        assertThat(ShadowComparison.compare("d", null, null, numbers, 0, 0, 20).disagreeingRows()).isEqualTo(2);
        assertThat(ShadowComparison.compare("d", null, null, numbers, 0, 0.1, 20).disagreeingRows()).isEqualTo(1);
        assertThat(ShadowComparison.compare("d", null, null, numbers, 0, 1, 20).disagreeingRows()).isZero();
        assertThat(ShadowComparison.compare("d", null, null, strings, 0, 0, 20).disagreements())
                .singleElement().satisfies(row -> assertThat(row.shadow()).isEqualTo("cow"));
    }

    @Test
    void class_scores_are_compared_by_their_arg_max_and_disagreements_are_capped() {
        String primary = "[{\"name\":\"p\",\"shape\":[2,2],\"datatype\":\"FP32\",\"data\":[0.9,0.1,0.4,0.6]}]";
        String shadow = "[{\"name\":\"p\",\"shape\":[2,2],\"datatype\":\"FP32\",\"data\":[0.8,0.2,0.7,0.3]}]";
        List<ShadowPair> pairs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pairs.add(new ShadowPair("r" + i, T, "1", "2", primary, shadow));
        }

        ShadowComparisonResponse comparison = ShadowComparison.compare("d", null, null, pairs, 3, 0, 2);

        assertThat(comparison.comparedRows()).isEqualTo(10);
        assertThat(comparison.disagreeingRows()).isEqualTo(5);
        assertThat(comparison.disagreements()).hasSize(2).allSatisfy(row -> {
            assertThat(row.row()).isEqualTo(1);
            assertThat(row.primary()).isEqualTo(1);
            assertThat(row.shadow()).isEqualTo(0);
        });
        assertThat(comparison.primaryWithoutShadow()).isEqualTo(3);
    }
}
