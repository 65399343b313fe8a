package dev.mlforge.workspaces;

import dev.mlforge.auth.Permission;

/** One user's permission in one workspace: what they may do with its resources where no per-resource grant says. */
public record WorkspaceMember(String workspace, String username, Permission permission) {}
