package dev.mlforge.workspaces;

import dev.mlforge.auth.Permission;
import java.util.List;
import java.util.Optional;

/** Where workspaces, their members and the workspace of each top-level resource are kept (migrations V17 and V35). */
interface WorkspaceStore {
    /** False when a workspace of that name exists already. */
    boolean create(Workspace workspace);

    Optional<Workspace> find(String name);

    List<Workspace> list();

    /** False when no workspace of that name exists. */
    boolean updateDescription(String name, String description);

    /** Deletes the workspace and its memberships; false when none of that name exists. */
    boolean delete(String name);

    /** True when any top-level resource lives in the workspace. */
    boolean holdsResources(String name);

    /** Creates or replaces the membership. */
    void putMember(WorkspaceMember member);

    Optional<Permission> findMember(String workspace, String username);

    List<WorkspaceMember> members(String workspace);

    /** The workspaces {@code username} is a member of. */
    List<WorkspaceMember> memberships(String username);

    /** False when the user was not a member. */
    boolean deleteMember(String workspace, String username);

    /** The workspace the resource lives in, or empty when it does not exist. */
    Optional<String> workspaceOf(Scoped kind, String resource);

    /** Moves the resource into {@code workspace} (done once, right after its creation). */
    void assign(Scoped kind, String resource, String workspace);
}
