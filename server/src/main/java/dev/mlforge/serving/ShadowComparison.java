package dev.mlforge.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.serving.ShadowComparisonResponse;
import dev.mlforge.api.serving.ShadowDisagreement;
import dev.mlforge.api.serving.ShadowVersionPair;
import dev.mlforge.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the primary's and the shadow's answers to the same requests row by row ({@link RowPredictions}): the
 * disagreement rate overall and per version pair, and the newest disagreeing rows. A pure function of the pairs.
 */
final class ShadowComparison {
    private ShadowComparison() {}

    /** Counts of one version pair, filled while comparing. */
    private static final class Tally {
        long rows;
        long disagreeing;
    }

    static ShadowComparisonResponse compare(String deployment, Instant from, Instant to, List<ShadowPair> pairs,
            long primaryWithoutShadow, double tolerance, int maxDisagreements) {
        Map<List<String>, Tally> byVersions = new LinkedHashMap<>();
        List<ShadowDisagreement> disagreements = new ArrayList<>();
        Tally total = new Tally();
        for (ShadowPair pair : pairs) {
            List<JsonNode> primary = RowPredictions.of(pair.primaryOutputsJson());
            List<JsonNode> shadow = RowPredictions.of(pair.shadowOutputsJson());
            Tally versions = byVersions.computeIfAbsent(List.of(pair.primaryVersion(), pair.shadowVersion()), key -> new Tally());
            for (int row = 0; row < Math.min(primary.size(), shadow.size()); row++) {
                boolean agree = RowPredictions.agree(primary.get(row), shadow.get(row), tolerance);
                total.rows++;
                versions.rows++;
                if (!agree) {
                    total.disagreeing++;
                    versions.disagreeing++;
                    if (disagreements.size() < maxDisagreements) {
                        disagreements.add(new ShadowDisagreement(pair.requestId(), row, pair.time().toEpochMilli(),
                                pair.primaryVersion(), pair.shadowVersion(), value(primary.get(row)), value(shadow.get(row))));
                    }
                }
            }
        }
        List<ShadowVersionPair> versions = new ArrayList<>();
        byVersions.forEach((key, tally) -> versions.add(new ShadowVersionPair(key.get(0), key.get(1), tally.rows,
                tally.disagreeing, rate(tally))));
        return new ShadowComparisonResponse(deployment, from == null ? null : from.toEpochMilli(),
                to == null ? null : to.toEpochMilli(), tolerance, pairs.size(), total.rows, total.disagreeing, rate(total),
                primaryWithoutShadow, versions, disagreements);
    }

    private static Double rate(Tally tally) {
        return tally.rows == 0 ? null : (double) tally.disagreeing / tally.rows;
    }

    private static Object value(JsonNode node) {
        return Json.mapper().convertValue(node, Object.class);
    }
}
