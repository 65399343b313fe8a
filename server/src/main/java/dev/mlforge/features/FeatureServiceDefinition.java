package dev.mlforge.features;

import java.util.List;

/**
 * A feature service: a named group of features a model consumes, as {@code view:feature} references (a bare
 * {@code view} stands for all its features).
 *
 * @param name        the service's name
 * @param features    the references, as applied
 * @param description free text, may be empty
 * @param version     1 for the first apply, bumped each time an apply changes the definition
 * @param createdAt   when this version was applied, epoch milliseconds
 */
public record FeatureServiceDefinition(String name, List<String> features, String description, int version, long createdAt) {
    public FeatureServiceDefinition {
        features = List.copyOf(features);
    }
}
