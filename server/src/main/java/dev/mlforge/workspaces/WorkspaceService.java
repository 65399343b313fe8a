package dev.mlforge.workspaces;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlforge.auth.Permission;
import dev.mlforge.auth.ResourceKind;
import dev.mlforge.auth.WorkspaceAccess;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.store.WorkspaceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Workspaces and their members with MLflow's rules (names as Kubernetes namespaces, the {@code default} workspace
 * always there and never deleted, a workspace deleted only once empty), and the two lookups every scoped request
 * makes: the workspace of a resource (it never changes after creation) and a user's membership, both cached and
 * forgotten on change.
 */
public final class WorkspaceService implements WorkspaceAccess {
    /** The workspace of requests that name none, and of every resource from before workspaces. */
    public static final String DEFAULT = WorkspaceContext.DEFAULT;

    private static final Pattern NAME = Pattern.compile("^(?!.*--)[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Set<String> RESERVED = Set.of("workspaces", "api", "ajax-api", "static-files");

    private final WorkspaceStore store;
    private final WorkspaceContext context;
    private final Clock clock;
    private final Cache<String, Optional<String>> resourceWorkspaces = Caffeine.newBuilder().maximumSize(200_000).build();
    /** Workspaces known to exist (a request names its workspace each time); one deleted is forgotten at once. */
    private final Cache<String, Boolean> existing = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();
    private final Cache<String, Optional<Permission>> memberships = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();
    /** Tells the other servers sharing the store that a membership changed (nothing when alone). */
    private volatile Runnable announceMemberships = () -> { };
    /** True while {@code default} is the only workspace: nothing then needs scoping. */
    private volatile boolean onlyDefault;

    WorkspaceService(WorkspaceStore store, WorkspaceContext context, Clock clock) {
        this.store = store;
        this.context = context;
        this.clock = clock;
        this.onlyDefault = store.list().size() <= 1;
    }

    static void validateName(String name) {
        if (name == null || name.length() < 2 || name.length() > 63) {
            throw MlforgeException.invalidParameter("Workspace name '" + name + "' must be between 2 and 63 characters.");
        }
        if (!NAME.matcher(name).matches()) {
            throw MlforgeException.invalidParameter("Workspace name '" + name + "' must match the pattern " + NAME.pattern()
                    + " (lowercase alphanumeric characters or '-', starting and ending with an alphanumeric character).");
        }
        if (RESERVED.contains(name)) {
            throw MlforgeException.invalidParameter("Workspace name '" + name + "' is reserved.");
        }
    }

    public Workspace create(String name, String description, String createdBy) {
        validateName(name);
        Workspace workspace = new Workspace(name, description, createdBy, clock.millis());
        if (!store.create(workspace)) {
            throw MlforgeException.alreadyExists("Workspace '" + name + "' already exists.");
        }
        onlyDefault = false;
        return workspace;
    }

    public Workspace get(String name) {
        return store.find(name).orElseThrow(() -> notFound(name));
    }

    public boolean exists(String name) {
        if (DEFAULT.equals(name) || existing.getIfPresent(name) != null) {
            return true;
        }
        boolean found = store.find(name).isPresent();
        if (found) {
            existing.put(name, true);
        }
        return found;
    }

    public List<Workspace> list() {
        return store.list();
    }

    public Workspace update(String name, String description) {
        if (!store.updateDescription(name, description)) {
            throw notFound(name);
        }
        return get(name);
    }

    /** MLflow's RESTRICT mode: a workspace that still holds resources is not deleted. */
    public void delete(String name) {
        if (DEFAULT.equals(name)) {
            throw MlforgeException.invalidParameter("The default workspace cannot be deleted.");
        }
        get(name);
        if (store.holdsResources(name)) {
            throw MlforgeException.invalidParameter("Workspace '" + name + "' still contains resources; delete them first.");
        }
        store.delete(name);
        existing.invalidate(name);
        memberships.invalidateAll();
        announceMemberships.run();
        resourceWorkspaces.invalidateAll();
        onlyDefault = store.list().size() <= 1;
    }

    public WorkspaceMember setMember(String workspace, String username, String permission) {
        get(workspace);
        if (username == null || username.isBlank()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'username'.");
        }
        WorkspaceMember member = new WorkspaceMember(workspace, username, Permission.parse(permission));
        store.putMember(member);
        memberships.invalidate(key(workspace, username));
        announceMemberships.run();
        return member;
    }

    public List<WorkspaceMember> members(String workspace) {
        get(workspace);
        return store.members(workspace);
    }

    public List<WorkspaceMember> memberships(String username) {
        return store.memberships(username);
    }

    public void removeMember(String workspace, String username) {
        get(workspace);
        if (!store.deleteMember(workspace, username)) {
            throw MlforgeException.notFound("User '" + username + "' is not a member of workspace '" + workspace + "'.");
        }
        memberships.invalidate(key(workspace, username));
        announceMemberships.run();
    }

    @Override
    public Runnable shareMemberships(Runnable announce) {
        this.announceMemberships = announce;
        return memberships::invalidateAll;
    }

    /** The permission {@code username} holds as a member of {@code workspace}, or empty. */
    public Optional<Permission> membership(String workspace, String username) {
        return memberships.get(key(workspace, username), key -> store.findMember(workspace, username));
    }

    /**
     * The workspace the resource lives in, or empty when it does not exist. Registered model names are unique per
     * workspace only: a name means the model of that name in the current workspace, and nothing when it has none
     * (another workspace's model of that name is not a resource of another workspace, just not there).
     */
    Optional<String> workspaceOf(Scoped kind, String resource) {
        String key = resourceKey(kind, resource, context.current());
        Optional<String> known = resourceWorkspaces.getIfPresent(key);
        if (known != null && known.isPresent()) {
            return known;
        }
        // a missing resource is looked up again next time: it may be created meanwhile
        Optional<String> found = store.workspaceOf(kind, resource);
        found.ifPresent(workspace -> resourceWorkspaces.put(key, found));
        return found;
    }

    /**
     * This thread's work happens in {@code workspace} until the next request binds another: for requests that name
     * their workspace otherwise than by the header (the web UI's chosen one), checked by the caller.
     */
    public void enter(String workspace) {
        context.bind(workspace);
    }

    /** True when the resource lives in {@code workspace}, or does not exist. */
    public boolean holds(String workspace, ResourceKind kind, String resource) {
        return workspaceOf(Scoped.of(kind), resource).map(workspace::equals).orElse(true);
    }

    /**
     * Puts a just-created resource into the workspace of the request that created it. Experiments and registered
     * models are created in it by their stores (their names are unique per workspace): they are only remembered.
     */
    void assign(Scoped kind, String resource, String workspace) {
        if (kind != Scoped.EXPERIMENT && kind != Scoped.REGISTERED_MODEL) {
            store.assign(kind, resource, workspace);
        }
        resourceWorkspaces.put(resourceKey(kind, resource, workspace), Optional.of(workspace));
    }

    private static String resourceKey(Scoped kind, String resource, String current) {
        return kind == Scoped.REGISTERED_MODEL ? kind.name() + ":" + current + ":" + resource : kind.name() + ":" + resource;
    }

    /** True while no workspace but {@code default} exists. */
    boolean onlyDefault() {
        return onlyDefault;
    }

    @Override
    public Optional<Permission> permission(String username, ResourceKind kind, String resource) {
        Optional<String> workspace = workspaceOf(Scoped.of(kind), resource);
        if (workspace.isEmpty()) {
            return Optional.empty();
        }
        return inWorkspace(username, workspace.get());
    }

    @Override
    public Optional<Permission> inWorkspace(String username, String workspace) {
        Optional<Permission> member = membership(workspace, username);
        if (member.isPresent() || DEFAULT.equals(workspace)) {
            return member;
        }
        return Optional.of(Permission.NO_PERMISSIONS);
    }

    private static String key(String workspace, String username) {
        return workspace + "\u0000" + username;
    }

    private static MlforgeException notFound(String name) {
        return MlforgeException.notFound("Workspace '" + name + "' not found.");
    }
}
