package dev.mlforge.auth;

import java.util.Optional;

/**
 * The port through which a user's permission in the workspace of a resource reaches {@link PermissionService}, as
 * MLflow's {@code _workspace_permission_for_resource}: a per-resource grant overrides it, and it overrides the default
 * permission. The adapter is the workspaces feature; without workspaces nothing is ever held through one.
 */
@FunctionalInterface
public interface WorkspaceAccess {
    /**
     * The permission {@code username} holds on the resource through its workspace: the membership's permission,
     * {@code NO_PERMISSIONS} in a workspace the user is not a member of, or empty in the default workspace without a
     * membership (the default permission then applies, as MLflow's {@code grant_default_workspace_access}).
     */
    Optional<Permission> permission(String username, ResourceKind kind, String resource);

    /**
     * The permission {@code username} holds on what lives in {@code workspace} and has no grant of theirs: the
     * membership's, {@code NO_PERMISSIONS} outside the default workspace without one, empty in the default workspace
     * without one (the default permission then applies). What a search in that workspace reads by.
     */
    default Optional<Permission> inWorkspace(String username, String workspace) {
        return Optional.empty();
    }

    /**
     * Connects the cluster's announcements: {@code announce} is called after each membership change this server stores
     * (the other servers are told), and the returned action forgets every cached membership (another server changed one).
     */
    default Runnable shareMemberships(Runnable announce) {
        return () -> { };
    }

    /** No workspaces: the default permission applies wherever no grant does. */
    static WorkspaceAccess none() {
        return (username, kind, resource) -> Optional.empty();
    }
}
