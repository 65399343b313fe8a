package dev.mlforge.registry;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The approval workflow: per-model rules naming protected stages and aliases, transition requests, and their
 * approval (after the rule's metric gates pass) or rejection. Only an approved request changes a protected target.
 *
 * <p>Requester and approver are the identities the server verified when it authenticates ({@code auth.mode} basic or
 * oidc): they must be two different users, and a forged name never gets here (401 at the door). Without
 * authentication they are names taken from an unverified Basic header ({@link Actor#authenticated()} is false): a rule
 * that demands two people ({@link ApprovalRuleEntity#requireSecondApprover()}) then refuses every approval; other
 * rules compare the names as sent, which stops a slip but not someone who sends another name.
 */
public final class ApprovalService {
    private final RegistryService registry;
    private final ApprovalStore store;
    private final RunSource runs;

    ApprovalService(RegistryService registry, ApprovalStore store, RunSource runs) {
        this.registry = registry;
        this.store = store;
        this.runs = runs;
    }

    public ApprovalRuleEntity putRule(String name, List<String> stages, List<String> aliases, List<String> gates,
            boolean requireSecondApprover, String user) {
        registry.getRegisteredModel(name);
        Set<Stage> protectedStages = new LinkedHashSet<>();
        stages.forEach(stage -> protectedStages.add(Stage.parse(stage)));
        Set<String> protectedAliases = new LinkedHashSet<>();
        aliases.forEach(alias -> protectedAliases.add(RegistryValidation.alias(alias)));
        List<MetricGate> parsedGates = gates.stream().map(MetricGate::parse).toList();
        return store.saveRule(new ApprovalRuleEntity(name, protectedStages, protectedAliases, parsedGates, requireSecondApprover,
                user, registry.now()));
    }

    public ApprovalRuleEntity getRule(String name) {
        registry.getRegisteredModel(name);
        return store.rule(name).orElseThrow(() ->
                MlforgeException.notFound("Registered model '" + name + "' has no approval rule"));
    }

    /** A pending request to move {@code stage} or {@code alias} (exactly one of them) to the version. */
    public TransitionRequestEntity createRequest(String name, String version, String stage, String alias, boolean archiveExisting,
            String comment, String user) {
        ModelVersionEntity target = registry.getModelVersion(name, version);
        boolean hasStage = stage != null && !stage.isEmpty();
        boolean hasAlias = alias != null && !alias.isEmpty();
        if (hasStage == hasAlias) {
            throw MlforgeException.invalidParameter("A transition request names exactly one of 'stage' or 'alias'");
        }
        String kind = hasStage ? "stage" : "alias";
        String targetName = hasStage ? Stage.parse(stage).canonical() : RegistryValidation.alias(alias);
        return store.createRequest(name, target.version(), kind, targetName, archiveExisting, comment, user, registry.now());
    }

    public TransitionRequestEntity getRequest(long id) {
        return store.findRequest(id).orElseThrow(() -> MlforgeException.notFound("Transition request with id=" + id + " not found"));
    }

    public List<TransitionRequestEntity> listRequests(String name, String status) {
        if (status != null && !Set.of(TransitionRequestEntity.PENDING, TransitionRequestEntity.APPROVED, TransitionRequestEntity.REJECTED)
                .contains(status)) {
            throw MlforgeException.invalidParameter("Invalid status '" + status + "'; one of PENDING, APPROVED, REJECTED");
        }
        if (name != null) {
            registry.getRegisteredModel(name);
        }
        return store.requests(name, status);
    }

    /**
     * Approves a pending request and applies its change. Refused with PERMISSION_DENIED when a metric gate fails,
     * when the requester approves their own request, or when the model's rule demands a second approver
     * ({@link ApprovalRuleEntity#requireSecondApprover()}) and {@code approver} is not authenticated: a name taken from
     * an unverified header cannot make a second person.
     */
    public TransitionRequestEntity approve(long id, Actor approver, String comment) {
        TransitionRequestEntity request = pending(id);
        String user = approver.name();
        if (user != null && user.equals(request.requestedBy())) {
            throw new MlforgeException(ErrorCode.PERMISSION_DENIED,
                    "Transition request " + id + " must be approved by someone other than its requester " + user);
        }
        boolean twoPeople = store.rule(request.modelName()).map(ApprovalRuleEntity::requireSecondApprover).orElse(false);
        if (twoPeople && !approver.authenticated()) {
            throw new MlforgeException(ErrorCode.PERMISSION_DENIED, "Transition request " + id + " cannot be approved by "
                    + (user == null ? "an anonymous caller" : "'" + user + "'") + ": the approval rule of registered model '"
                    + request.modelName() + "' requires a second approver distinct from the requester, and an approver "
                    + "named by an unverified Basic header is not authenticated. Approval under this rule requires "
                    + "authentication (start the server with --auth basic); the request stays PENDING.");
        }
        List<String> failures = gateFailures(request);
        if (!failures.isEmpty()) {
            throw new MlforgeException(ErrorCode.PERMISSION_DENIED, "Transition request " + id
                    + " cannot be approved: gate failed: " + String.join("; ", failures));
        }
        TransitionRequestEntity decided = store.decide(id, TransitionRequestEntity.APPROVED, user, comment, registry.now());
        String note = "request #" + id + (request.requestedBy() == null ? "" : " by " + request.requestedBy())
                + (request.comment() == null ? "" : ": " + request.comment());
        ChangeContext change = new ChangeContext(user, decided.decisionTimestamp(), note);
        if (request.targetKind().equals("stage")) {
            registry.applyTransition(request.modelName(), request.version(), Stage.parse(request.target()),
                    request.archiveExistingVersions(), change);
        } else {
            registry.applyAlias(request.modelName(), request.target(), request.version(), change);
        }
        return decided;
    }

    public TransitionRequestEntity reject(long id, String user, String comment) {
        pending(id);
        return store.decide(id, TransitionRequestEntity.REJECTED, user, comment, registry.now());
    }

    private TransitionRequestEntity pending(long id) {
        TransitionRequestEntity request = getRequest(id);
        if (!request.status().equals(TransitionRequestEntity.PENDING)) {
            throw MlforgeException.invalidParameter("Transition request " + id + " was already " + request.status());
        }
        return request;
    }

    private List<String> gateFailures(TransitionRequestEntity request) {
        List<MetricGate> gates = store.rule(request.modelName()).map(ApprovalRuleEntity::gates).orElse(List.of());
        List<String> failures = new ArrayList<>();
        if (gates.isEmpty()) {
            return failures;
        }
        String runId = registry.getModelVersion(request.modelName(), String.valueOf(request.version())).runId();
        Map<String, Double> metrics = runId == null ? null : runs.find(runId).map(RunFacts::metrics).orElse(null);
        if (metrics == null) {
            failures.add("version " + request.version() + " has no run to check " + gates + " against");
            return failures;
        }
        for (MetricGate gate : gates) {
            String failure = gate.failure(metrics);
            if (failure != null) {
                failures.add(failure);
            }
        }
        return failures;
    }
}
