package dev.mlforge.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.http.Role;
import dev.mlforge.store.WorkspaceContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * MLflow's per-user permissions on experiments and registered models: grants created, read, updated and deleted with
 * MLflow's messages, and the effective permission of a user on a resource (the grant, else the workspace membership's,
 * else the default permission;
 * administrators hold MANAGE everywhere). Grant lookups are cached per (resource, user, version of the grants): every
 * change of a grant, here or on another server sharing the store ({@link AuthChanges}), moves the version, so the next
 * request reads the store again.
 */
public final class PermissionService {
    private final UserStore store;
    private final UserService users;
    private final Permission defaultPermission;
    private final WorkspaceAccess workspaces;
    private final AuthChanges changes;
    private final Cache<GrantKey, Optional<Permission>> grants = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    private record GrantKey(ResourceKind kind, String resource, long userId, long version) {}

    PermissionService(UserStore store, UserService users, Permission defaultPermission, WorkspaceAccess workspaces,
            AuthChanges changes) {
        this.store = store;
        this.users = users;
        this.defaultPermission = defaultPermission;
        this.workspaces = workspaces;
        this.changes = changes;
    }

    Permission defaultPermission() {
        return defaultPermission;
    }

    /** True when {@code identity} may read the resource (what the web UI's lists show). */
    public boolean mayRead(RequestIdentity identity, ResourceKind kind, String resource) {
        return effective(identity, kind, resource).allows(Permission.Action.READ);
    }

    /**
     * True when {@code identity} may do {@code action} ({@code READ}, {@code UPDATE}, {@code DELETE}...: a
     * {@link Permission.Action} name) to the resource: what the web UI asks before it offers a button.
     */
    public boolean permits(RequestIdentity identity, ResourceKind kind, String resource, String action) {
        return effective(identity, kind, resource).allows(Permission.Action.valueOf(action));
    }

    /**
     * What {@code identity} may do with the resource: MANAGE for an admin, else its grant, else its permission in the
     * resource's workspace, else the default.
     */
    Permission effective(RequestIdentity identity, ResourceKind kind, String resource) {
        if (Roles.isAdmin(identity)) {
            return Permission.MANAGE;
        }
        if (!identity.authenticated()) {
            return Permission.NO_PERMISSIONS;
        }
        long userId = users.userId(identity.name());
        // the version is read before the store: a grant changed meanwhile is cached under the old version, never read again
        return grants.get(new GrantKey(kind, resource, userId, changes.grants()), key -> store.findGrant(kind, resource, userId)
                .map(ResourceGrant::permission))
                .or(() -> workspaces.permission(identity.name(), kind, resource)).orElse(baseline(identity));
    }

    /**
     * Who a search in {@code workspace} lists {@code kind} for, so that it keeps in SQL what {@link #effective} allows
     * to READ (every item of such a search lives in {@code workspace}); null for an administrator, who reads all.
     */
    WorkspaceContext.Reader reader(RequestIdentity identity, ResourceKind kind, String workspace) {
        if (Roles.isAdmin(identity)) {
            return null;
        }
        Permission ungranted = workspaces.inWorkspace(identity.name(), workspace).orElse(baseline(identity));
        return new WorkspaceContext.Reader(users.userId(identity.name()), kind.table, kind.column,
                ungranted.allows(Permission.Action.READ));
    }

    /** Where a user has no grant: the default permission, raised to EDIT for editors (an OIDC editor group). */
    private Permission baseline(RequestIdentity identity) {
        return identity.role() == Role.WRITE && defaultPermission.compareTo(Permission.EDIT) < 0 ? Permission.EDIT
                : defaultPermission;
    }

    /** Every resource of this kind the user holds a grant on, with the granted permission. */
    Map<String, Permission> grantsOf(String username, ResourceKind kind) {
        return store.grantsOf(kind, users.userId(username)).stream()
                .collect(Collectors.toMap(ResourceGrant::resource, ResourceGrant::permission));
    }

    public ResourceGrant create(ResourceKind kind, String resource, String username, String permission) {
        UserEntity user = users.getUser(username);
        ResourceGrant grant = new ResourceGrant(resource, user.id(), Permission.parse(permission));
        if (!store.createGrant(kind, grant)) {
            throw MlforgeException.alreadyExists(switch (kind) {
                case EXPERIMENT -> "Experiment permission (experiment_id=" + resource + ", username=" + username + ") already exists.";
                case REGISTERED_MODEL -> "Registered model permission with workspace=default, name=" + resource
                        + " and username=" + username + " already exists.";
                default -> "Permission of user '" + username + "' on " + kind.describe(resource) + " already exists.";
            });
        }
        changes.changed(AuthChanges.Kind.GRANTS);
        return grant;
    }

    public ResourceGrant get(ResourceKind kind, String resource, String username) {
        UserEntity user = users.getUser(username);
        return store.findGrant(kind, resource, user.id()).orElseThrow(() -> notFound(kind, resource, username));
    }

    public void update(ResourceKind kind, String resource, String username, String permission) {
        UserEntity user = users.getUser(username);
        if (!store.updateGrant(kind, new ResourceGrant(resource, user.id(), Permission.parse(permission)))) {
            throw notFound(kind, resource, username);
        }
        changes.changed(AuthChanges.Kind.GRANTS);
    }

    public void delete(ResourceKind kind, String resource, String username) {
        UserEntity user = users.getUser(username);
        if (!store.deleteGrant(kind, resource, user.id())) {
            throw notFound(kind, resource, username);
        }
        changes.changed(AuthChanges.Kind.GRANTS);
    }

    /** The creator of a new experiment or registered model manages it, as in MLflow. */
    void grantCreator(ResourceKind kind, String resource, String username) {
        long userId = users.userId(username);
        store.putGrant(kind, new ResourceGrant(resource, userId, Permission.MANAGE));
        changes.changed(AuthChanges.Kind.GRANTS);
    }

    /** True when someone holds a grant on the resource (it was created under authentication, or granted). */
    boolean owned(ResourceKind kind, String resource) {
        return store.hasGrants(kind, resource);
    }

    /** A registered model renamed: its grants follow it, as MLflow's {@code rename_registered_model_permissions}. */
    void renamed(ResourceKind kind, String from, String to) {
        store.renameResource(kind, from, to);
        changes.changed(AuthChanges.Kind.GRANTS);
    }

    /** A registered model (or deployment, monitor) deleted: its grants go with it, so a new one of the same name starts clean. */
    void deleted(ResourceKind kind, String resource) {
        store.deleteResourceGrants(kind, resource);
        changes.changed(AuthChanges.Kind.GRANTS);
    }

    private static MlforgeException notFound(ResourceKind kind, String resource, String username) {
        return MlforgeException.notFound(switch (kind) {
            case EXPERIMENT -> "Experiment permission with experiment_id=" + resource + " and username=" + username + " not found";
            case REGISTERED_MODEL -> "Registered model permission with workspace=default, name=" + resource
                    + " and username=" + username + " not found";
            default -> "Permission of user '" + username + "' on " + kind.describe(resource) + " not found";
        });
    }
}
