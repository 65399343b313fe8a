package dev.mlforge.serving;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a deployment sends its requests.
 *
 * @param modelUri      the primary model, e.g. {@code models:/fraud/3} or {@code models:/fraud@champion}
 * @param canaryUri     a second model taking {@code canaryPercent} of the traffic (null for none)
 * @param canaryPercent the canary's share, 0 to 100
 * @param shadowUri     a model receiving a mirrored copy of each request, its answer logged, never returned (null for none)
 * @param stickyHeader  a request header whose value pins a caller to the primary or the canary (A/B; null for none)
 * @param features      the online features a request carrying only entity keys is enriched with (null for none)
 */
public record TrafficPolicy(String modelUri, String canaryUri, int canaryPercent, String shadowUri, String stickyHeader,
        InputFeatures features) {

    /** A policy without online features. */
    public TrafficPolicy(String modelUri, String canaryUri, int canaryPercent, String shadowUri, String stickyHeader) {
        this(modelUri, canaryUri, canaryPercent, shadowUri, stickyHeader, null);
    }

    /** The distinct model URIs the policy needs loaded. */
    List<String> modelUris() {
        List<String> uris = new ArrayList<>();
        uris.add(modelUri);
        if (canaryUri != null && !uris.contains(canaryUri)) {
            uris.add(canaryUri);
        }
        if (shadowUri != null && !uris.contains(shadowUri)) {
            uris.add(shadowUri);
        }
        return uris;
    }

    /**
     * True when this request goes to the canary: a caller with the sticky header always lands on the same side
     * (its value hashed into 100 buckets); others are drawn at random by the weight.
     */
    boolean routesToCanary(String stickyValue, double random) {
        if (canaryUri == null || canaryPercent <= 0) {
            return false;
        }
        if (stickyValue != null) {
            return stickyToCanary(stickyValue, canaryPercent);
        }
        return random * 100 < canaryPercent;
    }

    /** True when a caller whose sticky header is {@code stickyValue} lands on a canary of weight {@code canaryPercent}. */
    static boolean stickyToCanary(String stickyValue, int canaryPercent) {
        return Math.floorMod(stickyValue.hashCode() * 0x9E3779B9, 100) < canaryPercent;
    }
}
