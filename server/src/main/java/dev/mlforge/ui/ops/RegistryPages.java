package dev.mlforge.ui.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import dev.mlforge.registry.ApprovalRuleEntity;
import dev.mlforge.registry.ApprovalService;
import dev.mlforge.registry.HistoryEvent;
import dev.mlforge.registry.LineageGraph;
import dev.mlforge.registry.LineageService;
import dev.mlforge.registry.ModelMetadata;
import dev.mlforge.registry.ModelVersionEntity;
import dev.mlforge.registry.RegisteredModelEntity;
import dev.mlforge.registry.RegistryService;
import dev.mlforge.registry.TransitionRequestEntity;
import dev.mlforge.registry.Verification;
import dev.mlforge.search.ResultPage;
import dev.mlforge.ui.FilledPage;
import dev.mlforge.ui.PageKit;
import dev.mlforge.ui.Visibility;
import dev.mlforge.ui.ops.RegistryViews.Fact;
import dev.mlforge.ui.ops.RegistryViews.HistoryRow;
import dev.mlforge.ui.ops.RegistryViews.Integrity;
import dev.mlforge.ui.ops.RegistryViews.RequestRow;
import dev.mlforge.ui.ops.RegistryViews.VersionRow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry pages: registered models, a model's versions and approval requests, a version (integrity, history,
 * model card, lineage) and the lineage graph. Approve and reject buttons call the REST API from the browser.
 */
public final class RegistryPages implements Routes {
    private static final int MODELS_PAGE = 100;
    private static final int VERSIONS_SHOWN = 500;
    private static final int MODEL_CARD_BYTES = 64 * 1024;
    /** The column of each lineage node type, left to right in the order things happen. */
    private static final Map<String, Integer> LINEAGE_COLUMNS = Map.of("dataset", 0, "run", 1, "logged_model", 2,
            "model_version", 3, "deployment", 4);

    private final PageKit kit;
    private final RegistryService registry;
    private final ApprovalService approvals;
    private final LineageService lineage;
    private final Visibility visibility;

    /** @param visibility which models the caller's lists show (the pages of one are guarded at the door) */
    public RegistryPages(PageKit kit, RegistryService registry, ApprovalService approvals, LineageService lineage,
            Visibility visibility) {
        this.kit = kit;
        this.registry = registry;
        this.approvals = approvals;
        this.lineage = lineage;
        this.visibility = visibility;
        // registered at start, so a URL a browser kept answers before any page names it again
        kit.assets().url("ops.js");
        kit.assets().url("ops.css");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/ui/models", this::models, Role.READ);
        routes.get("/ui/models/{name}", this::model, Role.READ);
        routes.get("/ui/models/{name}/versions/{version}", this::version, Role.READ);
        routes.get("/ui/lineage", this::lineage, Role.READ);
    }

    private void models(Context ctx) {
        RequestIdentity identity = RequestIdentity.of(ctx);
        String filter = text(ctx.queryParam("filter"));
        String error = null;
        List<RegistryViews.ModelRow> rows = List.of();
        String next = null;
        try {
            ResultPage<RegisteredModelEntity> found = FilledPage.of((size, from) -> registry.searchRegisteredModels(
                            filter.isEmpty() ? null : filter, size, List.of("name ASC"), from),
                    model -> visibility.mayRead(identity, Visibility.Kind.REGISTERED_MODEL, model.name())
                            && kit.inWorkspace(ctx, Visibility.Kind.REGISTERED_MODEL, model.name()), MODELS_PAGE,
                    ctx.queryParam("page_token"));
            rows = found.items().stream().map(RegistryPages::modelRow).toList();
            next = found.nextPageToken() == null ? null : "/ui/models?page_token=" + Shown.url(found.nextPageToken())
                    + "&filter=" + Shown.url(filter);
        } catch (MlforgeException e) {
            error = e.getMessage();
        }
        List<RequestRow> pending = approvals.listRequests(null, TransitionRequestEntity.PENDING).stream()
                .filter(request -> visibility.mayRead(identity, Visibility.Kind.REGISTERED_MODEL, request.modelName())
                        && kit.inWorkspace(ctx, Visibility.Kind.REGISTERED_MODEL, request.modelName()))
                .map(request -> requestRow(request, identity)).toList();
        kit.render(ctx, "ops/models.jte", new RegistryViews.ModelsPage(kit.frame(ctx, "Models", "models"), filter, error,
                rows, pending, pending.stream().anyMatch(RequestRow::decidable), next));
    }

    private static RegistryViews.ModelRow modelRow(RegisteredModelEntity model) {
        String latest = model.latestVersions().stream().map(ModelVersionEntity::version).max(Integer::compare)
                .map(String::valueOf).orElse("");
        String aliases = new TreeMap<>(model.aliases()).entrySet().stream()
                .map(alias -> "@" + alias.getKey() + " → v" + alias.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
        String stages = model.latestVersions().stream().filter(v -> !v.currentStage().canonical().equals("None"))
                .map(v -> v.currentStage().canonical() + ": v" + v.version()).reduce((a, b) -> a + ", " + b).orElse("");
        return new RegistryViews.ModelRow(model.name(), modelHref(model.name()), text(model.description()), latest, aliases,
                stages, Shown.time(model.lastUpdatedTimestamp()));
    }

    private void model(Context ctx) {
        String name = ctx.pathParam("name");
        RegisteredModelEntity model = registry.getRegisteredModel(name);
        List<VersionRow> versions = registry.searchModelVersions("name = '" + name.replace("'", "''") + "'",
                VERSIONS_SHOWN, List.of("version_number DESC"), null).items().stream().map(RegistryPages::versionRow).toList();
        List<Fact> aliases = new TreeMap<>(model.aliases()).entrySet().stream()
                .map(alias -> new Fact("@" + alias.getKey(), "version " + alias.getValue(), versionHref(name, alias.getValue())))
                .toList();
        List<RequestRow> requests = approvals.listRequests(name, null).stream()
                .sorted(Comparator.comparingLong(TransitionRequestEntity::id).reversed())
                .map(request -> requestRow(request, RequestIdentity.of(ctx))).toList();
        kit.render(ctx, "ops/model.jte", new RegistryViews.ModelPage(kit.frame(ctx, name, "models"), name,
                text(model.description()), aliases, versions, rule(name), requests, may(ctx, name, Visibility.Access.UPDATE),
                may(ctx, name, Visibility.Access.DELETE)));
    }

    private String rule(String name) {
        try {
            ApprovalRuleEntity rule = approvals.getRule(name);
            List<String> parts = new ArrayList<>();
            if (!rule.protectedStages().isEmpty()) {
                parts.add("stages " + String.join(", ", rule.protectedStages().stream().map(stage -> stage.canonical()).sorted().toList()));
            }
            if (!rule.protectedAliases().isEmpty()) {
                parts.add("aliases " + String.join(", ", rule.protectedAliases().stream().map(a -> "@" + a).sorted().toList()));
            }
            String gates = rule.gates().isEmpty() ? "" : "; gates: " + String.join(", ", rule.gates().stream().map(Object::toString).toList());
            return parts.isEmpty() ? "" : "Changes to " + String.join(" and ", parts) + " need an approved request" + gates
                    + (rule.requireSecondApprover() ? "; the approver must not be the requester" : "");
        } catch (MlforgeException e) {
            return "";
        }
    }

    private static VersionRow versionRow(ModelVersionEntity version) {
        return new VersionRow(version.version(), versionHref(version.name(), version.version()),
                version.currentStage().canonical(), String.join(", ", version.aliases().stream().map(a -> "@" + a).toList()),
                version.status(), Shown.time(version.creationTimestamp()), text(version.runId()),
                version.runId() == null ? null : "/ui/runs/" + Shown.url(version.runId()), text(version.source()));
    }

    private void version(Context ctx) {
        String name = ctx.pathParam("name");
        ModelVersionEntity version = registry.getModelVersion(name, ctx.pathParam("version"));
        String number = String.valueOf(version.version());
        ModelMetadata metadata = registry.metadata(name, number);
        List<Fact> facts = new ArrayList<>();
        facts.add(Fact.of("Stage", version.currentStage().canonical()));
        facts.add(Fact.of("Aliases", String.join(", ", version.aliases().stream().map(a -> "@" + a).toList())));
        facts.add(Fact.of("Status", version.status()));
        facts.add(Fact.of("Created", Shown.time(version.creationTimestamp()) + (version.userId() == null ? "" : " by " + version.userId())));
        facts.add(new Fact("Run", text(version.runId()), version.runId() == null ? null : "/ui/runs/" + Shown.url(version.runId())));
        facts.add(Fact.of("Source", version.source()));
        if (version.loggedModelId() != null) {
            facts.add(Fact.of("Logged model", version.loggedModelId()));
        }
        if (version.codeVersion() != null) {
            facts.add(Fact.of("Code version", version.codeVersion()));
        }
        facts.add(Fact.of("Description", text(version.description())));
        List<Fact> tags = new TreeMap<>(version.tags()).entrySet().stream().map(tag -> Fact.of(tag.getKey(), tag.getValue())).toList();
        List<HistoryRow> history = registry.history(name, number).stream().map(RegistryPages::historyRow).toList();
        List<RequestRow> requests = approvals.listRequests(name, null).stream().filter(r -> r.version() == version.version())
                .sorted(Comparator.comparingLong(TransitionRequestEntity::id).reversed())
                .map(request -> requestRow(request, RequestIdentity.of(ctx))).toList();
        kit.render(ctx, "ops/version.jte", new RegistryViews.VersionPage(kit.frame(ctx, name + " v" + number, "models"), name,
                version.version(), modelHref(name), facts, tags, pretty(metadata.flavors()), pretty(metadata.signature()),
                integrity(name, number), history, requests, modelCard(name, number), lineageView(lineage.ofVersion(name, number)),
                may(ctx, name, Visibility.Access.UPDATE)));
    }

    private Integrity integrity(String name, String version) {
        Verification verification = registry.verify(name, version);
        if (!verification.filesPresent()) {
            return new Integrity("pending", "The version's files have not been uploaded yet: nothing to verify.", List.of(),
                    List.of(), List.of());
        }
        if (verification.intact()) {
            return new Integrity("intact", "Intact: all " + verification.filesRecorded()
                    + " files match the manifest taken at registration.", List.of(), List.of(), List.of());
        }
        return new Integrity("changed", "Changed since registration: " + verification.modified().size() + " modified, "
                + verification.missing().size() + " missing, " + verification.added().size() + " added of "
                + verification.filesRecorded() + " recorded files.", verification.modified(), verification.missing(),
                verification.added());
    }

    /** The version's {@code model_card.md}, as text; empty when it has none. */
    private String modelCard(String name, String version) {
        try (InputStream in = registry.openArtifact(name, version, "model_card.md")) {
            return new String(in.readNBytes(MODEL_CARD_BYTES), StandardCharsets.UTF_8);
        } catch (MlforgeException | IOException e) {
            return "";
        }
    }

    private static HistoryRow historyRow(HistoryEvent event) {
        String change = event.kind().equals("alias")
                ? "@" + event.alias() + ": " + (event.from() == null ? "set" : "from v" + event.from())
                        + (event.to() == null ? " → deleted" : " → v" + event.to())
                : "stage " + (event.from() == null ? "" : event.from() + " → ") + event.to();
        return new HistoryRow(Shown.time(event.timestamp()), change, text(event.user()), text(event.comment()));
    }

    /** True when the caller may do {@code access} to the registered model {@code name}, as the API would decide. */
    private boolean may(Context ctx, String name, Visibility.Access access) {
        return visibility.permits(RequestIdentity.of(ctx), Visibility.Kind.REGISTERED_MODEL, name, access);
    }

    /** A request row; {@code identity} may approve or reject it when it may update the request's model. */
    private RequestRow requestRow(TransitionRequestEntity request, RequestIdentity identity) {
        String target = request.targetKind().equals("alias") ? "alias @" + request.target() : "stage " + request.target();
        return new RequestRow(request.id(), request.modelName(), request.version(),
                versionHref(request.modelName(), request.version()), target, request.status(), text(request.requestedBy()),
                Shown.time(request.creationTimestamp()), text(request.comment()), text(request.decidedBy()),
                text(request.decisionComment()), visibility.permits(identity, Visibility.Kind.REGISTERED_MODEL,
                        request.modelName(), Visibility.Access.UPDATE));
    }

    private void lineage(Context ctx) {
        String model = ctx.queryParam("model");
        String version = ctx.queryParam("version");
        String digest = ctx.queryParam("dataset_digest");
        String loggedModel = ctx.queryParam("logged_model_id");
        String subject = null;
        String error = null;
        GraphView graph = null;
        try {
            if (model != null && version != null) {
                subject = model + " version " + version;
                graph = lineageView(lineage.ofVersion(model, version));
            } else if (digest != null) {
                subject = "dataset " + digest;
                graph = lineageView(lineage.ofDataset(digest));
            } else if (loggedModel != null) {
                subject = "logged model " + loggedModel;
                graph = lineageView(lineage.ofLoggedModel(loggedModel));
            }
        } catch (MlforgeException e) {
            error = e.getMessage();
        }
        List<Fact> choices = registry.searchModelVersions(null, 200, List.of("name ASC", "version_number DESC"), null).items()
                .stream().map(v -> new Fact(v.name() + " v" + v.version(), v.currentStage().canonical(),
                        "/ui/lineage?model=" + Shown.url(v.name()) + "&version=" + v.version())).toList();
        kit.render(ctx, "ops/lineage.jte", new RegistryViews.LineagePage(kit.frame(ctx, "Lineage", "lineage"), subject, error,
                graph, choices));
    }

    /** The lineage graph laid out: datasets, runs, logged models, versions and deployments from left to right. */
    static GraphView lineageView(LineageGraph graph) {
        List<GraphView.Node> nodes = graph.nodes().stream()
                .sorted(Comparator.comparingInt(node -> LINEAGE_COLUMNS.getOrDefault(node.type(), 5)))
                .map(RegistryPages::lineageNode).toList();
        List<GraphView.Edge> edges = graph.edges().stream()
                .map(edge -> new GraphView.Edge(edge.from(), edge.to(), edge.relation().replace('_', ' '))).toList();
        return GraphView.layout(nodes, edges);
    }

    private static GraphView.Node lineageNode(LineageGraph.Node node) {
        Map<String, Object> attributes = node.attributes();
        int column = LINEAGE_COLUMNS.getOrDefault(node.type(), 5);
        return switch (node.type()) {
            case "dataset" -> new GraphView.Node(node.id(), column, "dataset", "Dataset " + attribute(attributes, "name"),
                    "digest " + Shown.cut(attribute(attributes, "digest"), 16), "/ui/datasets");
            case "run" -> new GraphView.Node(node.id(), column, "run", "Run " + Shown.cut(attribute(attributes, "run_id"), 12),
                    attributes.containsKey("code_version") ? "code " + Shown.cut(attribute(attributes, "code_version"), 12) : "training run",
                    "/ui/runs/" + Shown.url(attribute(attributes, "run_id")));
            case "logged_model" -> new GraphView.Node(node.id(), column, "logged", "Logged model",
                    Shown.cut(attribute(attributes, "model_id"), 24), null);
            case "model_version" -> new GraphView.Node(node.id(), column, "version",
                    attribute(attributes, "name") + " v" + attribute(attributes, "version"),
                    "stage " + attribute(attributes, "current_stage"),
                    versionHref(attribute(attributes, "name"), attribute(attributes, "version")));
            case "deployment" -> new GraphView.Node(node.id(), column, "deployment", "Deployment " + attribute(attributes, "name"),
                    "serving", "/ui/deployments/" + Shown.url(attribute(attributes, "name")));
            default -> new GraphView.Node(node.id(), column, "other", node.type(), node.id(), null);
        };
    }

    private static String attribute(Map<String, Object> attributes, String key) {
        Object value = attributes.get(key);
        return value == null ? "" : value.toString();
    }

    private static String pretty(JsonNode json) {
        if (json == null || json.isNull() || json.isEmpty()) {
            return "";
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (IOException e) {
            return json.toString();
        }
    }

    static String modelHref(String name) {
        return "/ui/models/" + Shown.url(name);
    }

    static String versionHref(String name, Object version) {
        return modelHref(name) + "/versions/" + version;
    }

    static String text(String value) {
        return value == null ? "" : value.trim();
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag webUI = ApiDoc.tag("Web UI");
        return List.of(
                webUI.get("/ui/models", "Web UI: registered models and the pending approval requests (approve or reject through the REST API)")
                        .query("filter", "MLflow search filter").query("page_token", "next page")
                        .htmlPage(),
                webUI.get("/ui/models/{name}", "Web UI: a registered model with its versions, aliases, approval rule and requests")
                        .htmlPage(),
                webUI.get("/ui/models/{name}/versions/{version}", "Web UI: a model version with its integrity check, change history, model card and lineage graph")
                        .htmlPage(),
                webUI.get("/ui/lineage", "Web UI: the lineage graph (dataset, run, logged model, version, deployment)")
                        .query("model", "a registered model (with version)").query("version", "its version")
                        .query("dataset_digest", "a dataset digest")
                        .query("logged_model_id", "an MLflow 3 logged model").htmlPage());
    }
}
