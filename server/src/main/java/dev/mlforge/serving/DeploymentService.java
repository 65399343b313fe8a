package dev.mlforge.serving;

import dev.mlforge.store.WorkspaceContext;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.events.Event;
import dev.mlforge.events.EventBus;
import dev.mlforge.events.AliasChanged;
import dev.mlforge.events.ModelRegistered;
import dev.mlforge.events.ModelVersionDeleted;
import dev.mlforge.events.ModelVersionTransitioned;
import dev.mlforge.models.ModelUri;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deployments and their loaded models. A policy change loads and warms up the new models first, then swaps
 * them in atomically, then drains and closes the models no longer used: requests never see a cold or missing
 * model. Deployments bound to an alias ({@code models:/fraud@champion}), a stage ({@code models:/fraud/Production})
 * or {@code latest} follow it when the registry moves it.
 */
public final class DeploymentService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeploymentService.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final String[] ROLES = {"primary", "canary", "shadow"};
    /** The directories of an absolute path ({@code /a/b/} of {@code /a/b/c}), not those of a URI ({@code models:/a/1}). */
    private static final Pattern ABSOLUTE_PATH_DIRECTORIES = Pattern.compile("(?<![\\w:/.\\-])/(?:[^/\\s'\"]+/)+");

    /** The runtime state of one deployment; changes to it are serialised on the object. */
    private static final class Live {
        volatile Deployment deployment;
        volatile ActiveModels active;
        volatile String error;
        volatile boolean deleted;
        /** The deployment's workspace: its model URIs name that workspace's registered models. */
        volatile String workspace;
        /** URI to the version it moved to that failed to load, so that a poll does not try it again. */
        final Map<String, String> unloadable = new ConcurrentHashMap<>();
    }

    private final DeploymentStore store;
    private final ModelSource source;
    private final ServingConfig config;
    private final EventBus events;
    private final DeploymentRecorder recorder;
    private final ServingMetrics metrics;
    private final Clock clock;
    private final PredictorLoader loader;
    private final WorkspaceContext workspaces;
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final List<AutoCloseable> subscriptions;

    DeploymentService(DeploymentStore store, ModelSource source, ServingConfig config, EventBus events,
            DeploymentRecorder recorder, ServingMetrics metrics, Clock clock, PredictorLoader loader,
            WorkspaceContext workspaces) {
        this.store = store;
        this.workspaces = workspaces;
        this.source = source;
        this.config = config;
        this.events = events;
        this.recorder = recorder;
        this.metrics = metrics;
        this.clock = clock;
        this.loader = loader;
        this.subscriptions = List.of(events.subscribeOnEveryServer(AliasChanged.class, this::followAlias),
                events.subscribeOnEveryServer(ModelVersionTransitioned.class, this::followStageOrLatest),
                events.subscribeOnEveryServer(ModelVersionDeleted.class, this::followStageOrLatest),
                events.subscribeOnEveryServer(ModelRegistered.class, this::followStageOrLatest));
    }

    /** Loads every persisted deployment (called once at server start; failures leave that deployment not ready). */
    void loadPersisted() {
        for (Deployment deployment : store.list()) {
            Live state = new Live();
            state.deployment = deployment;
            state.workspace = store.workspace(deployment.name());
            live.put(deployment.name(), state);
            synchronized (state) {
                try {
                    activate(state, deployment, null);
                } catch (RuntimeException e) {
                    state.error = e.getMessage();
                    log.error("Cannot load deployment {} ({}): {}", deployment.name(), deployment.policy().modelUri(), e.getMessage());
                }
            }
        }
    }

    /**
     * The deployments whose last load failed, sorted: those serving nothing (503) and those still serving the models
     * of their previous policy. The deployment sync tries them again ({@link #refresh}), since the store need not
     * change again to trigger a new attempt.
     */
    java.util.Set<String> failedToLoad() {
        java.util.Set<String> failed = new java.util.TreeSet<>();
        live.forEach((name, state) -> {
            if (state.error != null && !state.deleted) {
                failed.add(name);
            }
        });
        return failed;
    }

    /**
     * Brings deployment {@code name} in line with the store after another server sharing it created, changed or
     * deleted it: loads and swaps in the stored policy's models as a local change does (nothing when the policies
     * are those already served), or closes the models of a deployment no longer stored. A load that fails leaves
     * the deployment answering 503 with the error in its status, and {@link #failedToLoad} lists it.
     */
    void refresh(String name) {
        java.util.Optional<Deployment> stored = store.find(name);
        if (stored.isEmpty()) {
            Live state = live.get(name);
            if (state != null) {
                synchronized (state) {
                    if (store.find(name).isEmpty()) {
                        state.deleted = true;
                        live.remove(name, state);
                        closeUnused(state.active, null);
                        log.info("Deployment {} was deleted by another server", name);
                    }
                }
            }
            return;
        }
        Live fresh = new Live();
        fresh.workspace = store.workspace(name);
        Live existing = live.putIfAbsent(name, fresh);
        Live state = existing == null ? fresh : existing;
        synchronized (state) {
            if (live.get(name) != state) {
                // a local create of the same name failed meanwhile and left: start again from the map
                if (existing != null) {
                    refresh(name);
                }
                return;
            }
            // Read again under the lock: a change this server made while the refresh waited for it is newer than the
            // row read before (local changes write the store under this lock), and must not be undone.
            java.util.Optional<Deployment> latest = store.find(name);
            if (latest.isEmpty()) {
                live.remove(name, fresh);
                return;
            }
            Deployment deployment = latest.get();
            Deployment current = state.deployment;
            if (current != null && !state.deleted && state.active != null && state.error == null
                    && current.policy().equals(deployment.policy())
                    && current.previousPolicies().equals(deployment.previousPolicies())) {
                state.deployment = deployment;
                return;
            }
            if (state.deleted) {
                return;
            }
            state.deployment = deployment;
            try {
                activate(state, deployment, state.active);
                log.info("Deployment {} follows the change another server made ({})", name, deployment.policy().modelUri());
            } catch (RuntimeException e) {
                state.error = e.getMessage();
                log.error("Deployment {} cannot follow the change another server made: {}", name, e.getMessage());
            }
        }
    }

    public DeploymentStatus create(String name, TrafficPolicy policy) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw MlforgeException.invalidParameter("Invalid deployment name '" + name
                    + "': use 1 to 64 letters, digits, '_', '-' or '.', starting with a letter or digit");
        }
        Live state = new Live();
        state.workspace = workspaces.current();
        if (live.putIfAbsent(name, state) != null || store.find(name).isPresent()) {
            live.remove(name, state);
            throw MlforgeException.alreadyExists("Deployment '" + name + "' already exists");
        }
        synchronized (state) {
            Instant now = clock.instant();
            Deployment deployment = new Deployment(name, policy, List.of(), now, now);
            try {
                activate(state, deployment, null);
                store.insert(deployment);
            } catch (RuntimeException e) {
                live.remove(name, state);
                closeUnused(state.active, null);
                if (!(e instanceof MlforgeException) && store.find(name).isPresent()) {
                    // another server sharing the store created it while this one loaded the models
                    throw MlforgeException.alreadyExists("Deployment '" + name + "' already exists");
                }
                throw e;
            }
            return status(name, state);
        }
    }

    public DeploymentStatus get(String name) {
        return status(name, state(name));
    }

    public List<DeploymentStatus> list() {
        return live.keySet().stream().sorted(Comparator.naturalOrder()).map(name -> status(name, live.get(name)))
                .filter(status -> status != null).toList();
    }

    /** Applies {@code change} to the policy; the current policy becomes the newest one a rollback restores. */
    public DeploymentStatus update(String name, UnaryOperator<TrafficPolicy> change) {
        Live state = state(name);
        synchronized (state) {
            Deployment current = current(name, state);
            TrafficPolicy policy = change.apply(current.policy());
            Deployment changed = current.changedTo(policy, clock.instant());
            replace(state, changed);
            return status(name, state);
        }
    }

    /**
     * Goes back to the newest previous policy in one step; the policy left is dropped, so each further rollback
     * goes one policy further back (up to {@link Deployment#HISTORY_LIMIT} of them).
     */
    public DeploymentStatus rollback(String name) {
        Live state = state(name);
        synchronized (state) {
            Deployment current = current(name, state);
            Deployment rolledBack = current.rolledBack(clock.instant());
            if (rolledBack == null) {
                throw MlforgeException.invalidParameter("Deployment '" + name + "' has no previous policy to roll back to");
            }
            replace(state, rolledBack);
            events.publish(new DeploymentRolledBack(name, current.policy(), current.previousPolicy(), rolledBack.updatedAt()));
            return status(name, state);
        }
    }

    public void delete(String name) {
        Live state = state(name);
        synchronized (state) {
            store.delete(name);
            state.deleted = true;
            live.remove(name, state);
            closeUnused(state.active, null);
        }
    }

    /** True when every deployment has its models loaded. */
    public boolean allReady() {
        return live.values().stream().allMatch(state -> state.active != null);
    }

    /** The models answering for {@code name} now: 404 for an unknown deployment, 503 when not loaded yet. */
    ActiveModels active(String name) {
        Live state = live.get(name);
        if (state == null) {
            throw MlforgeException.notFound("Deployment '" + name + "' does not exist");
        }
        ActiveModels active = state.active;
        if (active == null) {
            throw new MlforgeException(dev.mlforge.api.ErrorCode.TEMPORARILY_UNAVAILABLE, "Deployment '" + name
                    + "' has no loaded model" + (state.error == null ? " yet" : ": " + state.error));
        }
        return active;
    }

    private Live state(String name) {
        Live state = live.get(name);
        if (state == null) {
            throw MlforgeException.notFound("Deployment '" + name + "' does not exist");
        }
        return state;
    }

    private Deployment current(String name, Live state) {
        if (state.deleted) {
            throw MlforgeException.notFound("Deployment '" + name + "' does not exist");
        }
        return state.deployment;
    }

    private void replace(Live state, Deployment changed) {
        activate(state, changed, state.active);
        if (!store.update(changed)) {
            throw MlforgeException.notFound("Deployment '" + changed.name() + "' does not exist");
        }
    }

    /**
     * Loads what {@code deployment} needs (reusing models of {@code previous}), swaps it in, closes the rest. Its model
     * URIs are resolved in the deployment's workspace, whichever thread (a request of another workspace following an
     * alias, the cluster poll, the start) does it.
     */
    private void activate(Live state, Deployment deployment, ActiveModels previous) {
        workspaces.in(workspaceOf(state), () -> {
            activateInWorkspace(state, deployment, previous);
            return null;
        });
    }

    private String workspaceOf(Live state) {
        return state.workspace != null ? state.workspace : workspaces.current();
    }

    private void activateInWorkspace(Live state, Deployment deployment, ActiveModels previous) {
        Map<String, ServedModel> loaded = new LinkedHashMap<>();
        List<ServedModel> fresh = new ArrayList<>();
        try {
            TrafficPolicy policy = deployment.policy();
            String[] uris = {policy.modelUri(), policy.canaryUri(), policy.shadowUri()};
            for (int i = 0; i < ROLES.length; i++) {
                if (uris[i] != null) {
                    loaded.put(ROLES[i], modelFor(deployment.name(), uris[i], previous, loaded.values(), fresh));
                }
            }
        } catch (RuntimeException e) {
            fresh.forEach(ServedModel::close);
            throw e;
        }
        ActiveModels next = new ActiveModels(deployment, loaded.get("primary"), loaded.get("canary"), loaded.get("shadow"));
        state.active = next;
        state.deployment = deployment;
        state.error = null;
        closeUnused(previous, next);
        for (Map.Entry<String, ServedModel> entry : loaded.entrySet()) {
            if (fresh.contains(entry.getValue())) {
                announce(deployment.name(), entry.getKey(), entry.getValue());
            }
        }
    }

    private ServedModel modelFor(String deployment, String uri, ActiveModels previous,
            java.util.Collection<ServedModel> alreadyLoaded, List<ServedModel> fresh) {
        ResolvedModel resolved = resolve(uri);
        List<ServedModel> candidates = new ArrayList<>(alreadyLoaded);
        if (previous != null) {
            candidates.addAll(previous.all());
        }
        for (ServedModel candidate : candidates) {
            if (candidate.serves(resolved)) {
                return candidate;
            }
        }
        ServedModel model;
        try {
            model = ServedModel.load(deployment, resolved, loader, config, metrics);
        } catch (MlforgeException e) {
            throw new MlforgeException(e.errorCode(), "Cannot deploy " + describe(resolved) + ": "
                    + withoutPaths(e.getMessage(), resolved.directory()), e);
        }
        fresh.add(model);
        return model;
    }

    private static String describe(ResolvedModel resolved) {
        return resolved.uri() + (resolved.version() == null ? ""
                : " (model " + resolved.modelName() + ", version " + resolved.version() + ")");
    }

    /**
     * The message with the model directory and any other absolute path cut down to the file name: an error
     * message never shows where the server keeps its files.
     */
    static String withoutPaths(String message, java.nio.file.Path directory) {
        String text = String.valueOf(message);
        if (directory != null) {
            text = text.replace(directory.toAbsolutePath() + java.io.File.separator, "").replace(directory + java.io.File.separator, "");
        }
        return ABSOLUTE_PATH_DIRECTORIES.matcher(text).replaceAll("");
    }

    private ResolvedModel resolve(String uri) {
        try {
            return source.resolve(uri);
        } catch (MlforgeException e) {
            if (e.errorCode() == dev.mlforge.api.ErrorCode.RESOURCE_CONFLICT) {
                throw new MlforgeException(e.errorCode(), "Refusing to deploy " + uri + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static void closeUnused(ActiveModels previous, ActiveModels next) {
        if (previous == null) {
            return;
        }
        Map<ServedModel, Boolean> keep = new IdentityHashMap<>();
        if (next != null) {
            next.all().forEach(model -> keep.put(model, true));
        }
        previous.all().stream().filter(model -> !keep.containsKey(model)).forEach(ServedModel::close);
    }

    private void announce(String deployment, String role, ServedModel model) {
        ResolvedModel resolved = model.resolved();
        events.publish(new ModelDeployed(deployment, role, resolved.uri(), resolved.modelName(), resolved.version(), clock.instant()));
        try {
            recorder.deployed(deployment, role, resolved);
        } catch (RuntimeException e) {
            log.warn("Deployment recorder failed for {} {}", deployment, resolved.uri(), e);
        }
    }

    /**
     * An alias moved: the deployments of the event's workspace (bound while the bus delivers it) that follow it reload;
     * a deployment of another workspace following a same-name model's alias is not concerned.
     */
    private void followAlias(AliasChanged change) {
        String uri = ModelUri.alias(change.modelName(), change.alias()).toString();
        String eventWorkspace = workspaces.current();
        for (Map.Entry<String, Live> entry : live.entrySet()) {
            Live state = entry.getValue();
            synchronized (state) {
                ActiveModels active = state.active;
                if (state.deleted || active == null || !active.deployment().policy().modelUris().contains(uri)
                        || !workspaceOf(state).equals(eventWorkspace)) {
                    continue;
                }
                try {
                    activate(state, active.deployment(), active);
                    log.info("Deployment {} follows {} to version {}", entry.getKey(), uri, change.version());
                } catch (RuntimeException e) {
                    log.error("Deployment {} keeps its models: cannot follow {} to version {}: {}", entry.getKey(), uri,
                            change.version(), e.getMessage());
                }
            }
        }
    }

    /**
     * A version changed stage, was deleted or registered: the stage and {@code latest} URIs it moved reload their
     * deployments at once, as an alias move does (replicas sharing the store also catch it with their poll); only
     * the deployments of the event's workspace are looked at.
     */
    private void followStageOrLatest(Event change) {
        String eventWorkspace = workspaces.current();
        java.util.Set<String> reloaded = followMovedUris(state -> workspaceOf(state).equals(eventWorkspace));
        if (!reloaded.isEmpty()) {
            log.info("Deployments {} reloaded after {}", reloaded, change);
        }
    }

    /**
     * Reloads each deployment whose alias, stage or {@code latest} URI now points at another version than the one it
     * serves: how a server sharing the store follows an alias moved, a version transitioned or a version deleted on
     * another server, with the in-process {@link AliasChanged} event's effect (the models load, warm up and swap in;
     * a URI that points at nothing any more leaves the served models in place). A version that fails to load is not
     * tried again until the URI moves once more. Returns the names of the deployments reloaded.
     */
    java.util.Set<String> followMovedUris() {
        return followMovedUris(state -> true);
    }

    private java.util.Set<String> followMovedUris(java.util.function.Predicate<Live> concerned) {
        java.util.Set<String> reloaded = new java.util.TreeSet<>();
        for (Map.Entry<String, Live> entry : live.entrySet()) {
            Live state = entry.getValue();
            if (state.deleted || state.active == null || !concerned.test(state) || movedUris(state).isEmpty()) {
                continue;
            }
            synchronized (state) {
                ActiveModels active = state.active;
                Map<String, String> moved = movedUris(state);
                if (state.deleted || active == null || moved.isEmpty()) {
                    continue;
                }
                try {
                    activate(state, active.deployment(), active);
                    state.unloadable.clear();
                    reloaded.add(entry.getKey());
                    log.info("Deployment {} follows {} moved by another server", entry.getKey(), moved);
                } catch (RuntimeException e) {
                    state.unloadable.putAll(moved);
                    log.error("Deployment {} keeps its models: cannot follow {}: {}", entry.getKey(), moved, e.getMessage());
                }
            }
        }
        return reloaded;
    }

    /** The moving URIs of a deployment that point at a version other than the one served, with that version. */
    private Map<String, String> movedUris(Live state) {
        ActiveModels active = state.active;
        Map<String, String> moved = new LinkedHashMap<>();
        if (active == null) {
            return moved;
        }
        TrafficPolicy policy = active.deployment().policy();
        String[] uris = {policy.modelUri(), policy.canaryUri(), policy.shadowUri()};
        for (int i = 0; i < ROLES.length; i++) {
            ServedModel served = active.role(ROLES[i]);
            if (uris[i] == null || served == null) {
                continue;
            }
            String uri = uris[i];
            workspaces.in(workspaceOf(state), () -> source.currentVersion(uri)).filter(version -> !version.equals(served.resolved().version())
                    && !version.equals(state.unloadable.get(uri))).ifPresent(version -> moved.put(uri, version));
        }
        return moved;
    }

    private static DeploymentStatus status(String name, Live state) {
        if (state == null || state.deployment == null) {
            return null;
        }
        ActiveModels active = state.active;
        Map<String, String> versions = new LinkedHashMap<>();
        if (active != null) {
            for (String role : ROLES) {
                ServedModel model = active.role(role);
                if (model != null) {
                    versions.put(role, model.version());
                }
            }
        }
        return new DeploymentStatus(state.deployment, active != null, versions, state.error);
    }

    @Override
    public void close() {
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception e) {
                log.warn("Cannot close a registry event subscription", e);
            }
        }
        live.values().forEach(state -> closeUnused(state.active, null));
        live.clear();
    }
}
