package dev.mlforge.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The feature store calls: apply definitions (entities, feature views, feature services), read them, materialize a
 * view into the online store, look up online features (Feast's {@code /get-online-features}) and build point-in-time
 * training sets. Answers are JSON trees, in the shapes {@code docs/features.md} documents.
 *
 * <p>Obtained from {@link MlforgeClient#features()}; thread-safe. Every method throws {@link MlforgeClientException}
 * when the server rejects the call ({@code INVALID_PARAMETER_VALUE} for an invalid definition or request,
 * {@code RESOURCE_DOES_NOT_EXIST} for an unknown name) or cannot be reached.
 */
public final class FeaturesClient {
    private static final String VIEWS = "/api/v1/feature-views";
    private final HttpTransport transport;

    FeaturesClient(HttpTransport transport) {
        this.transport = transport;
    }

    /**
     * Applies a definitions document, all of it or none.
     *
     * @param definitions {@code {entities: [...], feature_views: [...], feature_services: [...]}} (maps, lists and
     *                    scalars, as read from YAML or JSON)
     * @return {@code {applied: [{kind, name, version, changed}]}}
     */
    public JsonNode apply(Object definitions) {
        return transport.sendJson("POST", "/api/v1/features/apply", definitions, JsonNode.class, true);
    }

    /**
     * Lists the feature views (latest versions) with their materialization state.
     *
     * @return {@code {feature_views: [...]}}
     */
    public JsonNode featureViews() {
        return transport.getJson(VIEWS, Map.of(), JsonNode.class);
    }

    /**
     * Reads one feature view.
     *
     * @param name    the view's name
     * @param version a version number, or null for the latest
     * @return {@code {feature_view: {...}}}
     */
    public JsonNode featureView(String name, Integer version) {
        return transport.getJson(VIEWS + "/" + HttpTransport.encode(name), version == null ? Map.of() : Map.of("version", version),
                JsonNode.class);
    }

    /**
     * Lists the entities.
     *
     * @return {@code {entities: [...]}}
     */
    public JsonNode entities() {
        return transport.getJson("/api/v1/entities", Map.of(), JsonNode.class);
    }

    /**
     * Lists the feature services.
     *
     * @return {@code {feature_services: [...]}}
     */
    public JsonNode featureServices() {
        return transport.getJson("/api/v1/feature-services", Map.of(), JsonNode.class);
    }

    /**
     * Reads the statistics of a view's latest materialization.
     *
     * @param name the view's name
     * @return {@code {statistics: {view, view_version, computed_at, rows, features: [{name, dtype, count, nulls,
     *         distinct, min, max, mean}]}}}
     */
    public JsonNode statistics(String name) {
        return transport.getJson(VIEWS + "/" + HttpTransport.encode(name) + "/statistics", Map.of(), JsonNode.class);
    }

    /**
     * Materializes a view incrementally: source rows newer than its watermark, latest per entity key, into the online
     * store.
     *
     * @param name the view's name
     * @return {@code {materialization: {view, view_version, materialized_until, rows_written, materialized_at}}}
     */
    public JsonNode materialize(String name) {
        return transport.sendJson("POST", VIEWS + "/" + HttpTransport.encode(name) + "/materialize", Map.of(), JsonNode.class,
                false);
    }

    /**
     * Looks up online features with Feast's request.
     *
     * @param request {@code {features: ["view:feature"...]} or {feature_service: NAME}}, {@code entities: {join_key:
     *                [values]}}, optional {@code full_feature_names}
     * @return Feast's answer: {@code metadata.feature_names} and {@code results} (values, statuses, event_timestamps)
     */
    public JsonNode getOnlineFeatures(Map<String, ?> request) {
        return transport.sendJson("POST", "/get-online-features", request, JsonNode.class, true);
    }

    /**
     * Builds a point-in-time correct training set and registers it as a dataset version.
     *
     * @param request {@code dataset_name}, {@code features} or {@code feature_service}, and the entity rows as
     *                {@code entity_rows}, {@code entity_dataset} or {@code entity_path}
     * @return {@code {dataset_version: {name, version, row_count, digest, columns}, feature_columns}}
     */
    public JsonNode trainingSet(Map<String, ?> request) {
        return transport.sendJson("POST", VIEWS + "/training-set", request, JsonNode.class, false);
    }
}
