package dev.mlforge.serving;

import dev.mlforge.api.serving.ShadowComparisonResponse;
import dev.mlforge.http.MlforgeException;
import java.time.Instant;
import java.util.List;

/**
 * Reads the prediction log back for operators: pages of logged predictions with their feedback, and the shadow
 * comparison. The buffered log is written first, so an answer given just before the call is in it.
 */
final class PredictionReadBack {
    /** The most request pairs one shadow comparison reads (the newest in its window). */
    static final int MAX_COMPARED_REQUESTS = 100_000;

    /** One page and the key the next page starts after, or null on the last page. */
    record Page(List<StoredPrediction> rows, PredictionPage.Key next) {}

    private final DeploymentStore store;
    private final PredictionLog log;

    PredictionReadBack(DeploymentStore store, PredictionLog log) {
        this.store = store;
        this.log = log;
    }

    Page page(PredictionQuery query) {
        requireDeployment(query.deployment());
        log.flush();
        PredictionQuery oneMore = new PredictionQuery(query.deployment(), query.from(), query.to(), query.version(),
                query.shadow(), query.after(), query.limit() + 1);
        List<StoredPrediction> rows = store.predictions(oneMore);
        if (rows.size() <= query.limit()) {
            return new Page(rows, null);
        }
        List<StoredPrediction> page = rows.subList(0, query.limit());
        StoredPrediction last = page.get(page.size() - 1);
        return new Page(List.copyOf(page), new PredictionPage.Key(last.record().time().toEpochMilli(), last.id()));
    }

    ShadowComparisonResponse compareShadow(String deployment, Instant from, Instant to, double tolerance, int maxDisagreements) {
        requireDeployment(deployment);
        log.flush();
        List<ShadowPair> pairs = store.shadowPairs(deployment, from, to, MAX_COMPARED_REQUESTS);
        return ShadowComparison.compare(deployment, from, to, pairs, store.primaryWithoutShadow(deployment, from, to),
                tolerance, maxDisagreements);
    }

    private void requireDeployment(String deployment) {
        if (store.find(deployment).isEmpty()) {
            throw MlforgeException.notFound("Deployment '" + deployment + "' does not exist");
        }
    }
}
