package dev.mlforge.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.features.FeatureStore.Kind;
import dev.mlforge.features.FeatureStore.StoredSpec;
import dev.mlforge.api.features.ApplyFeaturesRequest;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.WireFields;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The definitions' use cases: apply (validate against each other and the store, then write the changed ones as new
 * versions in one transaction), read, and resolve feature references ({@code view:feature}, a bare view, a service).
 */
public final class FeatureCatalog {
    private static final List<String> DOCUMENT_FIELDS = WireFields.of(ApplyFeaturesRequest.class);
    private final FeatureStore store;
    private final SourceFiles sources;
    private final Clock clock;
    /** The latest version of each definition by kind and name, read once: online lookups resolve views per request. */
    private final java.util.concurrent.ConcurrentMap<String, Optional<StoredSpec>> latest =
            new java.util.concurrent.ConcurrentHashMap<>();

    FeatureCatalog(FeatureStore store, SourceFiles sources, Clock clock) {
        this.store = store;
        this.sources = sources;
        this.clock = clock;
    }

    /** The outcome of applying one definition: its current version and whether this apply created it. */
    public record Applied(Kind kind, String name, int version, boolean changed) {}

    /**
     * Applies a document {@code {entities: [...], feature_views: [...], feature_services: [...]}}: all of it or, on the
     * first invalid definition, none of it.
     */
    public List<Applied> apply(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw MlforgeException.invalidParameter("The definitions must be an object with 'entities', 'feature_views' and "
                    + "'feature_services' lists");
        }
        for (var names = document.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!DOCUMENT_FIELDS.contains(field)) {
                throw MlforgeException.invalidParameter("Unknown field '" + field
                        + "' in the definitions (allowed: " + String.join(", ", DOCUMENT_FIELDS) + ")");
            }
        }
        Map<String, EntityDefinition> entities = new LinkedHashMap<>();
        for (JsonNode node : list(document, "entities")) {
            EntityDefinition entity = DefinitionCodec.entity(node);
            if (entities.put(entity.name(), entity) != null) {
                throw MlforgeException.invalidParameter("Entity '" + entity.name() + "' is defined twice");
            }
        }
        Map<String, FeatureView> views = new LinkedHashMap<>();
        for (JsonNode node : list(document, "feature_views")) {
            FeatureView view = checked(DefinitionCodec.featureView(node), entities);
            if (views.put(view.name(), view) != null) {
                throw MlforgeException.invalidParameter("Feature view '" + view.name() + "' is defined twice");
            }
        }
        Map<String, FeatureServiceDefinition> services = new LinkedHashMap<>();
        for (JsonNode node : list(document, "feature_services")) {
            FeatureServiceDefinition service = DefinitionCodec.featureService(node);
            service.features().forEach(reference -> resolveReference(reference, views, "feature service '" + service.name() + "'"));
            if (services.put(service.name(), service) != null) {
                throw MlforgeException.invalidParameter("Feature service '" + service.name() + "' is defined twice");
            }
        }
        List<Applied> applied = new ArrayList<>();
        List<StoredSpec> changed = new ArrayList<>();
        long now = clock.millis();
        entities.values().forEach(e -> applied.add(versioned(Kind.ENTITY, e.name(), DefinitionCodec.write(e), now, changed)));
        views.values().forEach(v -> applied.add(versioned(Kind.FEATURE_VIEW, v.name(), DefinitionCodec.write(v), now, changed)));
        services.values().forEach(s -> applied.add(versioned(Kind.FEATURE_SERVICE, s.name(), DefinitionCodec.write(s), now,
                changed)));
        store.insert(changed);
        forget();
        return applied;
    }

    /** The definitions generation the caches were filled at (see {@link FeatureStore#definitionsGeneration()}). */
    private volatile long generation = -1;

    /**
     * Drops the cached definitions and request resolutions when another server sharing the store applied definitions
     * since the last look; answers whether it did. Servers sharing a store call it at the cluster's poll interval.
     */
    public boolean followOtherServers() {
        long now = store.definitionsGeneration();
        if (now == generation) {
            return false;
        }
        forget();
        generation = now;
        return true;
    }

    private void forget() {
        latest.clear();
        parsedViews.clear();
        joinKeys.clear();
        plans.clear();
    }

    private Applied versioned(Kind kind, String name, ObjectNode written, long now, List<StoredSpec> changed) {
        String spec = DefinitionCodec.spec(written);
        Optional<StoredSpec> current = latest(kind, name);
        if (current.isPresent() && current.get().spec().equals(spec)) {
            return new Applied(kind, name, current.get().version(), false);
        }
        int version = current.map(stored -> stored.version() + 1).orElse(1);
        changed.add(new StoredSpec(kind, name, version, spec, now));
        return new Applied(kind, name, version, true);
    }

    private final java.util.concurrent.ConcurrentMap<String, Optional<FeatureView>> parsedViews =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentMap<FeatureView, List<String>> joinKeys =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Optional<FeatureView> latestView(String name) {
        return parsedViews.computeIfAbsent(name, key -> latest(Kind.FEATURE_VIEW, name).map(FeatureCatalog::view));
    }

    private Optional<StoredSpec> latest(Kind kind, String name) {
        return latest.computeIfAbsent(kind + ":" + name, key -> store.latest(kind, name));
    }

    /** Checks a view against the entities (those applied with it first, then the store's) and its source. */
    private FeatureView checked(FeatureView view, Map<String, EntityDefinition> applying) {
        String where = "feature view '" + view.name() + "'";
        List<String> joinKeys = new ArrayList<>();
        for (String entityName : view.entities()) {
            EntityDefinition entity = applying.containsKey(entityName) ? applying.get(entityName) : findEntity(entityName)
                    .orElseThrow(() -> MlforgeException.invalidParameter(where + " names entity '" + entityName
                            + "', which is not defined (apply it first or in the same document)"));
            if (joinKeys.contains(entity.joinKey())) {
                throw MlforgeException.invalidParameter(where + " names join key '" + entity.joinKey() + "' twice");
            }
            joinKeys.add(entity.joinKey());
        }
        for (FeatureField feature : view.features()) {
            if (joinKeys.contains(feature.name())) {
                throw MlforgeException.invalidParameter(where + ": feature '" + feature.name() + "' is also a join key");
            }
        }
        sources.check(view.source(), where);
        return view;
    }

    public List<EntityDefinition> entities() {
        return store.latestOfKind(Kind.ENTITY).stream().map(FeatureCatalog::entity).toList();
    }

    public List<FeatureView> featureViews() {
        return store.latestOfKind(Kind.FEATURE_VIEW).stream().map(FeatureCatalog::view).toList();
    }

    public List<FeatureServiceDefinition> featureServices() {
        return store.latestOfKind(Kind.FEATURE_SERVICE).stream().map(FeatureCatalog::service).toList();
    }

    public Optional<EntityDefinition> findEntity(String name) {
        return latest(Kind.ENTITY, name).map(FeatureCatalog::entity);
    }

    public EntityDefinition entity(String name, Integer version) {
        return stored(Kind.ENTITY, "Entity", name, version).map(FeatureCatalog::entity).orElseThrow();
    }

    public FeatureView featureView(String name, Integer version) {
        return stored(Kind.FEATURE_VIEW, "Feature view", name, version).map(FeatureCatalog::view).orElseThrow();
    }

    public FeatureServiceDefinition featureService(String name, Integer version) {
        return stored(Kind.FEATURE_SERVICE, "Feature service", name, version).map(FeatureCatalog::service).orElseThrow();
    }

    private Optional<StoredSpec> stored(Kind kind, String what, String name, Integer version) {
        Optional<StoredSpec> found = version == null ? latest(kind, name) : store.version(kind, name, version);
        if (found.isEmpty()) {
            throw MlforgeException.notFound(what + " '" + name + "'" + (version == null ? "" : " version " + version)
                    + " does not exist");
        }
        return found;
    }

    /** The join keys of a view's entities, in the view's order. */
    public List<String> joinKeys(FeatureView view) {
        return joinKeys.computeIfAbsent(view, key -> view.entities().stream().map(name -> findEntity(name).orElseThrow(() -> MlforgeException.invalidState(
                "Feature view '" + view.name() + "' names entity '" + name + "', which no longer exists")).joinKey()).toList());
    }

    /**
     * The features a request names: {@code references} ({@code view:feature} or a bare {@code view}) or, when
     * {@code serviceName} is set, that feature service's; grouped by view in the order first named.
     */
    public Map<FeatureView, List<FeatureField>> resolve(List<String> references, String serviceName) {
        Plan key = new Plan(references, serviceName);
        Map<FeatureView, List<FeatureField>> plan = plans.get(key);
        if (plan == null) {
            plan = resolveUncached(references, serviceName);
            if (plans.size() < MAX_PLANS) {
                plans.put(key, plan);
            }
        }
        return plan;
    }

    /** A request's feature names; its resolution is kept until the next apply (online lookups repeat a few shapes). */
    private record Plan(List<String> references, String serviceName) {}

    private static final int MAX_PLANS = 10_000;
    private final java.util.concurrent.ConcurrentMap<Plan, Map<FeatureView, List<FeatureField>>> plans =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Map<FeatureView, List<FeatureField>> resolveUncached(List<String> references, String serviceName) {
        if ((references == null || references.isEmpty()) == (serviceName == null)) {
            throw MlforgeException.invalidParameter("Name exactly one of 'features' (a non-empty list of 'view:feature') and "
                    + "'feature_service'");
        }
        List<String> named = serviceName == null ? references : featureService(serviceName, null).features();
        Map<String, FeatureView> views = new LinkedHashMap<>();
        Map<FeatureView, List<FeatureField>> resolved = new LinkedHashMap<>();
        for (String reference : named) {
            String viewName = reference.contains(":") ? reference.substring(0, reference.indexOf(':')) : reference;
            FeatureView view = views.computeIfAbsent(viewName, name -> latestView(name).orElseThrow(() -> MlforgeException.invalidParameter(
                            "Feature reference '" + reference + "' names feature view '" + name + "', which does not exist")));
            List<FeatureField> fields = resolved.computeIfAbsent(view, key -> new ArrayList<>());
            for (FeatureField field : resolveReference(reference, Map.of(view.name(), view), "the request")) {
                if (!fields.contains(field)) {
                    fields.add(field);
                }
            }
        }
        Map<FeatureView, List<FeatureField>> frozen = new LinkedHashMap<>();
        resolved.forEach((view, fields) -> frozen.put(view, List.copyOf(fields)));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    private List<FeatureField> resolveReference(String reference, Map<String, FeatureView> applying, String where) {
        int colon = reference.indexOf(':');
        String viewName = colon < 0 ? reference : reference.substring(0, colon);
        FeatureView view = applying.containsKey(viewName) ? applying.get(viewName)
                : latestView(viewName).orElseThrow(() ->
                        MlforgeException.invalidParameter(where + ": feature reference '" + reference
                                + "' names feature view '" + viewName + "', which is not defined"));
        if (colon < 0) {
            return view.features();
        }
        FeatureField field = view.feature(reference.substring(colon + 1));
        if (field == null) {
            throw MlforgeException.invalidParameter(where + ": feature view '" + viewName + "' has no feature '"
                    + reference.substring(colon + 1) + "' (it has " + view.features().stream().map(FeatureField::name).toList() + ")");
        }
        return List.of(field);
    }

    private static List<JsonNode> list(JsonNode document, String field) {
        JsonNode node = document.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw MlforgeException.invalidParameter("'" + field + "' must be a list");
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    private static EntityDefinition entity(StoredSpec stored) {
        EntityDefinition parsed = DefinitionCodec.entity(DefinitionCodec.parse(stored.spec()));
        return new EntityDefinition(parsed.name(), parsed.joinKey(), parsed.description(), stored.version(), stored.createdAt());
    }

    private static FeatureView view(StoredSpec stored) {
        FeatureView v = DefinitionCodec.featureView(DefinitionCodec.parse(stored.spec()));
        return new FeatureView(v.name(), v.entities(), v.features(), v.source(), v.timestampField(), v.ttlSeconds(), v.online(),
                v.description(), stored.version(), stored.createdAt());
    }

    private static FeatureServiceDefinition service(StoredSpec stored) {
        FeatureServiceDefinition s = DefinitionCodec.featureService(DefinitionCodec.parse(stored.spec()));
        return new FeatureServiceDefinition(s.name(), s.features(), s.description(), stored.version(), stored.createdAt());
    }
}
