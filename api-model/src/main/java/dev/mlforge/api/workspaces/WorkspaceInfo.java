package dev.mlforge.api.workspaces;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A workspace, MLflow's {@code Workspace} message with who created it and when.
 *
 * @param name        the workspace's name (2 to 63 lowercase letters, digits and single dashes)
 * @param description free text; absent when none
 * @param createdBy   the user who created it; absent for {@code default} or when created without authentication
 * @param createdAt   creation time, milliseconds since the epoch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkspaceInfo(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("created_at") Long createdAt) {}
