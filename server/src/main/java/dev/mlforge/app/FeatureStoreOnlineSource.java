package dev.mlforge.app;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.features.Features;
import dev.mlforge.features.OnlineFeatures;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.serving.OnlineFeatureSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Serving's online features read from the feature store: the same resolution and online rows (with TTL and statuses)
 * as {@code /get-online-features}. The store is supplied late: serving is built before the feature store.
 */
public final class FeatureStoreOnlineSource implements OnlineFeatureSource {
    private final Supplier<Features> features;

    public FeatureStoreOnlineSource(Supplier<Features> features) {
        this.features = features;
    }

    @Override
    public List<String> resolve(String featureService, List<String> references) {
        List<String> resolved = new ArrayList<>();
        try {
            features.get().catalog().resolve(references, featureService)
                    .forEach((view, fields) -> fields.forEach(field -> resolved.add(view.name() + ":" + field.name())));
        } catch (MlforgeException e) {
            // a deployment naming an unknown feature service is an invalid declaration, not a missing deployment
            throw e.errorCode() == ErrorCode.RESOURCE_DOES_NOT_EXIST ? MlforgeException.invalidParameter(e.getMessage()) : e;
        }
        return resolved;
    }

    @Override
    public Values read(String featureService, List<String> references, Map<String, List<Object>> entities) {
        OnlineFeatures.Lookup lookup = features.get().online().lookup(references, featureService, entities);
        return new Values(lookup.references(), lookup.values(), lookup.statuses());
    }
}
