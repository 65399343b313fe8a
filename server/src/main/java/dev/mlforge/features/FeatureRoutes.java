package dev.mlforge.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.api.features.ApplyFeaturesRequest;
import dev.mlforge.api.features.EntitySpec;
import dev.mlforge.api.features.FeatureDriftRequest;
import dev.mlforge.api.features.FeatureServiceSpec;
import dev.mlforge.api.features.FeatureViewSpec;
import dev.mlforge.api.features.TrainingSetRequest;
import dev.mlforge.api.features.ViewOnlineRequest;
import dev.mlforge.features.FeatureStore.Materialization;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/v1/entities}, {@code /api/v1/feature-views}, {@code /api/v1/feature-services}: apply definitions (one
 * at a time, or a whole document at {@code /api/v1/features/apply}), read them, build training sets, materialize a
 * view and look up its online values.
 */
final class FeatureRoutes implements Routes {
    private static final String VIEWS = "/api/v1/feature-views";

    private final FeatureCatalog catalog;
    private final TrainingSets trainingSets;
    private final Materializer materializer;
    private final OnlineFeatures online;
    private final FeatureDrift drift;

    FeatureRoutes(FeatureCatalog catalog, TrainingSets trainingSets, Materializer materializer, OnlineFeatures online,
            FeatureDrift drift) {
        this.drift = drift;
        this.catalog = catalog;
        this.trainingSets = trainingSets;
        this.materializer = materializer;
        this.online = online;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/v1/features/apply", ctx -> ctx.json(applied(catalog.apply(body(ctx)))), Role.WRITE);

        routes.post("/api/v1/entities", ctx -> applyOne(ctx, "entities", "entity"), Role.WRITE);
        routes.get("/api/v1/entities", ctx -> {
            ObjectNode answer = Json.mapper().createObjectNode();
            ArrayNode list = answer.putArray("entities");
            catalog.entities().forEach(entity -> list.add(DefinitionCodec.write(entity)));
            ctx.json(answer);
        }, Role.READ);
        routes.get("/api/v1/entities/{name}", ctx -> ctx.json(wrap("entity",
                DefinitionCodec.write(catalog.entity(ctx.pathParam("name"), version(ctx))))), Role.READ);

        routes.post(VIEWS, ctx -> applyOne(ctx, "feature_views", "feature_view"), Role.WRITE);
        routes.get(VIEWS, ctx -> {
            ObjectNode answer = Json.mapper().createObjectNode();
            ArrayNode list = answer.putArray("feature_views");
            catalog.featureViews().forEach(view -> list.add(viewWithState(view)));
            ctx.json(answer);
        }, Role.READ);
        routes.get(VIEWS + "/{name}", ctx -> ctx.json(wrap("feature_view",
                viewWithState(catalog.featureView(ctx.pathParam("name"), version(ctx))))), Role.READ);
        routes.post(VIEWS + "/training-set", this::trainingSet, Role.WRITE);
        routes.post(VIEWS + "/{name}/materialize", ctx -> ctx.json(wrap("materialization",
                state(materializer.materialize(ctx.pathParam("name"))))), Role.WRITE);
        routes.post(VIEWS + "/{name}/online", this::viewOnline, Role.READ);
        routes.get(VIEWS + "/{name}/statistics", ctx -> ctx.json(wrap("statistics",
                statistics(materializer.statistics(ctx.pathParam("name"))))), Role.READ);
        routes.post(VIEWS + "/{name}/drift", ctx -> {
            JsonNode reference = body(ctx).path("reference");
            ctx.json(drift.report(ctx.pathParam("name"), reference.path("dataset").isTextual() ? reference.get("dataset").asText()
                    : null, reference.hasNonNull("version") ? reference.get("version").asText() : null));
        }, Role.READ);

        routes.post("/api/v1/feature-services", ctx -> applyOne(ctx, "feature_services", "feature_service"), Role.WRITE);
        routes.get("/api/v1/feature-services", ctx -> {
            ObjectNode answer = Json.mapper().createObjectNode();
            ArrayNode list = answer.putArray("feature_services");
            catalog.featureServices().forEach(service -> list.add(DefinitionCodec.write(service)));
            ctx.json(answer);
        }, Role.READ);
        routes.get("/api/v1/feature-services/{name}", ctx -> ctx.json(wrap("feature_service",
                DefinitionCodec.write(catalog.featureService(ctx.pathParam("name"), version(ctx))))), Role.READ);
    }

    /** POST of one definition: applied as a one-item document; 201 when it made a new version, 200 when unchanged. */
    private void applyOne(Context ctx, String listField, String answerField) throws IOException {
        ObjectNode document = Json.mapper().createObjectNode();
        document.putArray(listField).add(body(ctx));
        FeatureCatalog.Applied applied = catalog.apply(document).get(0);
        ObjectNode written = switch (applied.kind()) {
            case ENTITY -> DefinitionCodec.write(catalog.entity(applied.name(), null));
            case FEATURE_VIEW -> viewWithState(catalog.featureView(applied.name(), null));
            case FEATURE_SERVICE -> DefinitionCodec.write(catalog.featureService(applied.name(), null));
        };
        ObjectNode answer = wrap(answerField, written);
        answer.put("changed", applied.changed());
        ctx.status(applied.changed() ? 201 : 200).json(answer);
    }

    private void trainingSet(Context ctx) throws IOException {
        TrainingSets.TrainingSet set = trainingSets.create(body(ctx));
        ObjectNode answer = Json.mapper().createObjectNode();
        ObjectNode dataset = answer.putObject("dataset_version");
        dataset.put("name", set.dataset().name()).put("version", set.dataset().version())
                .put("row_count", set.dataset().rowCount()).put("digest", set.dataset().digest());
        ArrayNode columns = dataset.putArray("columns");
        set.dataset().schema().forEach(column -> columns.add(column.name()));
        set.featureColumns().forEach(answer.putArray("feature_columns")::add);
        ctx.status(201).json(answer);
    }

    private void viewOnline(Context ctx) throws IOException {
        JsonNode request = body(ctx);
        String name = ctx.pathParam("name");
        FeatureView view = catalog.featureView(name, null);
        List<String> references;
        if (request.hasNonNull("features")) {
            references = DefinitionCodec.textList(request.get("features"), "'features'").stream()
                    .map(feature -> name + ":" + feature).toList();
        } else {
            references = List.of(view.name());
        }
        ObjectNode feast = Json.mapper().createObjectNode();
        feast.set("entities", request.get("entities"));
        feast.set("full_feature_names", request.get("full_feature_names"));
        feast.set("features", Json.mapper().valueToTree(references));
        ctx.contentType("application/json").result(online.answer(feast));
    }

    private ObjectNode viewWithState(FeatureView view) {
        ObjectNode node = DefinitionCodec.write(view);
        node.put("source_description", view.source().describe());
        materializer.state(view.name()).ifPresentOrElse(state -> node.set("materialization", state(state)),
                () -> node.putNull("materialization"));
        return node;
    }

    private static ObjectNode statistics(FeatureStatistics statistics) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("view", statistics.viewName()).put("view_version", statistics.viewVersion())
                .put("computed_at", Instant.ofEpochMilli(statistics.computedAt()).toString()).put("rows", statistics.rows());
        ArrayNode features = node.putArray("features");
        for (FeatureStatistics.Feature feature : statistics.features()) {
            features.addObject().put("name", feature.name()).put("dtype", feature.dtype()).put("count", feature.count())
                    .put("nulls", feature.nulls()).put("distinct", feature.distinct()).put("min", feature.min())
                    .put("max", feature.max()).put("mean", feature.mean());
        }
        return node;
    }

    private static ObjectNode state(Materialization state) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("view", state.viewName()).put("view_version", state.viewVersion());
        if (state.watermark() == null) {
            node.putNull("materialized_until");
        } else {
            node.put("materialized_until", Instant.ofEpochMilli(state.watermark()).toString());
        }
        node.put("rows_written", state.rowsWritten()).put("materialized_at", Instant.ofEpochMilli(state.materializedAt()).toString());
        return node;
    }

    private static ObjectNode applied(List<FeatureCatalog.Applied> applied) {
        ObjectNode answer = Json.mapper().createObjectNode();
        ArrayNode list = answer.putArray("applied");
        applied.forEach(item -> list.addObject().put("kind", item.kind().name().toLowerCase(java.util.Locale.ROOT))
                .put("name", item.name()).put("version", item.version()).put("changed", item.changed()));
        return answer;
    }

    private static ObjectNode wrap(String field, JsonNode value) {
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.set(field, value);
        return answer;
    }

    static Integer version(Context ctx) {
        String version = ctx.queryParam("version");
        if (version == null) {
            return null;
        }
        if (!version.matches("[1-9][0-9]{0,8}")) {
            throw MlforgeException.invalidParameter("Query parameter 'version' must be a positive number, got '" + version + "'");
        }
        return Integer.parseInt(version);
    }

    static JsonNode body(Context ctx) throws IOException {
        return body(ctx.bodyAsBytes());
    }

    /** A request body parsed as JSON: 400 when empty or not JSON. */
    static JsonNode body(byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            throw MlforgeException.invalidParameter("A JSON object body is required");
        }
        try {
            return Json.mapper().readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw MlforgeException.invalidParameter("The request body is not valid JSON: " + Json.describe(e));
        }
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag features = ApiDoc.tag("Features");
        return List.of(
                features.post("/api/v1/features/apply", "Apply entities, feature views and feature services (all or none; changed ones get a new version)")
                        .request(ApplyFeaturesRequest.class),
                features.get("/api/v1/entities", "List entities (latest versions)"),
                features.post("/api/v1/entities", "Apply one entity").request(EntitySpec.class).status(201, "OK")
                        .also(200, "Unchanged (same definition as the latest version)"),
                features.get("/api/v1/entities/{name}", "An entity (latest or ?version=)")
                        .query("version", "A version number (default the latest)."),
                features.get("/api/v1/feature-views", "List feature views with their materialization state"),
                features.post("/api/v1/feature-views", "Apply one feature view").request(FeatureViewSpec.class)
                        .status(201, "OK").also(200, "Unchanged (same definition as the latest version)"),
                features.get("/api/v1/feature-views/{name}", "A feature view (latest or ?version=)")
                        .query("version", "A version number (default the latest)."),
                features.post("/api/v1/feature-views/training-set", "Point-in-time join of entity rows with features, registered as a dataset version")
                        .request(TrainingSetRequest.class).status(201, "OK")
                        .also(200, "Unchanged (same definition as the latest version)").also(404, ""),
                features.post("/api/v1/feature-views/{name}/materialize", "Materialize a view incrementally into the online store"),
                features.post("/api/v1/feature-views/{name}/online", "A view's online values for entity keys (Feast's response shape)")
                        .request(ViewOnlineRequest.class),
                features.get("/api/v1/feature-views/{name}/statistics", "Statistics of the values the view's latest materialization wrote (count, nulls, distinct, min, max, mean per feature)"),
                features.post("/api/v1/feature-views/{name}/drift", "Drift of the view's current values against a registered dataset version, by the monitoring drift engine")
                        .request(FeatureDriftRequest.class),
                features.get("/api/v1/feature-services", "List feature services"),
                features.post("/api/v1/feature-services", "Apply one feature service").request(FeatureServiceSpec.class)
                        .status(201, "OK").also(200, "Unchanged (same definition as the latest version)"),
                features.get("/api/v1/feature-services/{name}", "A feature service (latest or ?version=)")
                        .query("version", "A version number (default the latest)."));
    }
}
