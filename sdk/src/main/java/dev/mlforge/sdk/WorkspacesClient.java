package dev.mlforge.sdk;

import dev.mlforge.api.workspaces.ListWorkspacePermissionsResponse;
import dev.mlforge.api.workspaces.ListWorkspacesResponse;
import dev.mlforge.api.workspaces.WorkspaceInfo;
import dev.mlforge.api.workspaces.WorkspacePermission;
import dev.mlforge.api.workspaces.WorkspacePermissionResponse;
import dev.mlforge.api.workspaces.WorkspaceRequest;
import dev.mlforge.api.workspaces.WorkspaceResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * MLflow 3.10's workspace calls ({@code /api/3.0/mlflow/workspaces}): list and create workspaces (creating needs the
 * admin role), and list, set and remove a workspace's members (administrators and the workspace's MANAGE members).
 *
 * <p>Obtained from {@link MlforgeClient#workspaces()}; thread-safe. Every method throws {@link MlforgeClientException}
 * when the server rejects the call or cannot be reached ({@code PERMISSION_DENIED} for a caller without the right,
 * {@code RESOURCE_DOES_NOT_EXIST} for an unknown workspace, {@code INVALID_PARAMETER_VALUE} for a malformed name or
 * permission).
 */
public final class WorkspacesClient {
    private static final String WORKSPACES = "/api/3.0/mlflow/workspaces";
    private final HttpTransport transport;

    WorkspacesClient(HttpTransport transport) {
        this.transport = transport;
    }

    /**
     * The workspaces the caller sees.
     *
     * @return every workspace for an administrator, else {@code default} and the caller's, by name
     */
    public List<WorkspaceInfo> list() {
        List<WorkspaceInfo> workspaces = transport.getJson(WORKSPACES, Map.of(), ListWorkspacesResponse.class).workspaces();
        return workspaces == null ? List.of() : workspaces;
    }

    /**
     * Creates a workspace.
     *
     * @param name        2 to 63 lowercase letters, digits and single dashes
     * @param description free text, or null
     * @return the created workspace
     */
    public WorkspaceInfo create(String name, String description) {
        return transport.sendJson("POST", WORKSPACES, new WorkspaceRequest(name, description), WorkspaceResponse.class, false)
                .workspace();
    }

    /**
     * The members of a workspace and their permissions.
     *
     * @param workspace the workspace's name
     * @return the memberships, by user name
     */
    public List<WorkspacePermission> members(String workspace) {
        List<WorkspacePermission> members = transport.getJson(permissions(workspace), Map.of(),
                ListWorkspacePermissionsResponse.class).permissions();
        return members == null ? List.of() : members;
    }

    /**
     * Sets (creates or replaces) a user's permission in a workspace.
     *
     * @param workspace  the workspace's name
     * @param username   the member
     * @param permission {@code READ}, {@code USE}, {@code EDIT}, {@code MANAGE} or {@code NO_PERMISSIONS}
     * @return the membership as stored
     */
    public WorkspacePermission setMember(String workspace, String username, String permission) {
        return transport.sendJson("POST", permissions(workspace), new WorkspacePermission(null, username, permission),
                WorkspacePermissionResponse.class, true).permission();
    }

    /**
     * Removes a user from a workspace.
     *
     * @param workspace the workspace's name
     * @param username  the member to remove
     */
    public void removeMember(String workspace, String username) {
        transport.sendJson("DELETE", permissions(workspace), new WorkspacePermission(null, username, null), Map.class, true);
    }

    private static String permissions(String workspace) {
        return WORKSPACES + "/" + URLEncoder.encode(workspace, StandardCharsets.UTF_8) + "/permissions";
    }
}
