package dev.mlforge.api.workspaces;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of creating, getting or updating a workspace.
 *
 * @param workspace the workspace
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkspaceResponse(@JsonProperty("workspace") WorkspaceInfo workspace) {}
