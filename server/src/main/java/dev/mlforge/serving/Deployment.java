package dev.mlforge.serving;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A named serving endpoint and its traffic policy. {@code previousPolicies} are the policies it had before, newest
 * first (at most {@link #HISTORY_LIMIT}): each rollback restores the first and drops it, so repeated rollbacks walk
 * back through them.
 */
public record Deployment(String name, TrafficPolicy policy, List<TrafficPolicy> previousPolicies, Instant createdAt,
        Instant updatedAt) {
    /** How many earlier policies a deployment keeps for rollbacks. */
    public static final int HISTORY_LIMIT = 50;

    public Deployment {
        previousPolicies = List.copyOf(previousPolicies.subList(0, Math.min(previousPolicies.size(), HISTORY_LIMIT)));
    }

    /** What the next rollback restores; null before the first change. */
    public TrafficPolicy previousPolicy() {
        return previousPolicies.isEmpty() ? null : previousPolicies.get(0);
    }

    /** This deployment with {@code next} applied: the current policy becomes the newest previous one. */
    Deployment changedTo(TrafficPolicy next, Instant now) {
        List<TrafficPolicy> previous = new ArrayList<>(previousPolicies.size() + 1);
        previous.add(policy);
        previous.addAll(previousPolicies);
        return new Deployment(name, next, previous, createdAt, now);
    }

    /** This deployment back at its newest previous policy, which leaves the history; null when there is none. */
    Deployment rolledBack(Instant now) {
        if (previousPolicies.isEmpty()) {
            return null;
        }
        return new Deployment(name, previousPolicies.get(0), previousPolicies.subList(1, previousPolicies.size()),
                createdAt, now);
    }
}
