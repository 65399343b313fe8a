package dev.mlforge.serving;

import dev.mlforge.http.MlforgeException;
import java.util.List;
import java.util.Map;

/**
 * Serving's port to the feature store's online store, for deployments that declare {@link InputFeatures}; the
 * application wires the feature store behind it.
 */
public interface OnlineFeatureSource {
    /**
     * The online values of some features for entity rows, as the feature store serves them: {@code values[row][i]}
     * is feature {@code references.get(i)} of entity row {@code row}, null unless {@code statuses[row][i]} is
     * {@code PRESENT} (else {@code NOT_FOUND}, {@code OUTSIDE_MAX_AGE} or {@code NULL_VALUE}).
     */
    record Values(List<String> references, Object[][] values, String[][] statuses) {}

    /**
     * The {@code view:feature} references a feature service or list names, in order; INVALID_PARAMETER_VALUE naming
     * an unknown service, view or feature.
     */
    List<String> resolve(String featureService, List<String> features);

    /**
     * The online values of the features named (as {@link #resolve}) for the entity rows {@code entities} (join key to
     * its value in each row: numbers or strings); INVALID_PARAMETER_VALUE when a view's join key is not given.
     */
    Values read(String featureService, List<String> features, Map<String, List<Object>> entities);

    /** No feature store: declaring features is refused. */
    OnlineFeatureSource NONE = new OnlineFeatureSource() {
        @Override
        public List<String> resolve(String featureService, List<String> features) {
            throw MlforgeException.invalidParameter("This server has no feature store: a deployment cannot declare 'features'");
        }

        @Override
        public Values read(String featureService, List<String> features, Map<String, List<Object>> entities) {
            throw MlforgeException.invalidParameter("This server has no feature store to read online features from");
        }
    };
}
