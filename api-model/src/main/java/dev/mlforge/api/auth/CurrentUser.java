package dev.mlforge.api.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The caller as {@code users/current} answers it: identity only, no grants.
 *
 * @param id       numeric id
 * @param username name
 * @param isAdmin  whether the caller is an administrator
 */
public record CurrentUser(
        @JsonProperty("id") long id,
        @JsonProperty("username") String username,
        @JsonProperty("is_admin") boolean isAdmin) {

    /**
     * The answer of {@code users/current}.
     *
     * @param user the caller
     */
    public record Response(@JsonProperty("user") CurrentUser user) {
    }
}
