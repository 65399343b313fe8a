package dev.mlforge.features;

import java.util.List;

/**
 * A feature view: typed features of one or more entities, read from a source whose rows carry the entities' join
 * keys and an event timestamp.
 *
 * @param name           the view's name
 * @param entities       the names of its entities (their join keys key the rows)
 * @param features       its features, in order
 * @param source         where its rows come from
 * @param timestampField the source column holding each row's event time
 * @param ttlSeconds     how old a value may be, relative to the time it is asked for, and still be served; 0: no limit
 * @param online         whether materialization writes it to the online store
 * @param description    free text, may be empty
 * @param version        1 for the first apply, bumped each time an apply changes the definition
 * @param createdAt      when this version was applied, epoch milliseconds
 */
public record FeatureView(String name, List<String> entities, List<FeatureField> features, FeatureSource source,
        String timestampField, long ttlSeconds, boolean online, String description, int version, long createdAt) {

    public FeatureView {
        entities = List.copyOf(entities);
        features = List.copyOf(features);
    }

    /** The feature called {@code featureName}, or null. */
    FeatureField feature(String featureName) {
        return features.stream().filter(feature -> feature.name().equals(featureName)).findFirst().orElse(null);
    }
}
