package dev.mlforge.api.workspaces;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of setting a membership.
 *
 * @param permission the membership as stored
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkspacePermissionResponse(@JsonProperty("permission") WorkspacePermission permission) {}
