package dev.mlforge.api.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of MLflow's user routes: {@code users/create} (username, password), {@code users/get} and
 * {@code users/delete} (username), {@code users/update-password} (username, password, current_password when changing
 * one's own), {@code users/update-admin} (username, is_admin).
 *
 * @param username        the user
 * @param password        the (new) password
 * @param currentPassword the caller's current password, required when changing one's own
 * @param isAdmin         the new admin flag
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserRequest(
        @JsonProperty("username") String username,
        @JsonProperty("password") String password,
        @JsonProperty("current_password") String currentPassword,
        @JsonProperty("is_admin") Boolean isAdmin) {

    @Override
    public String toString() {
        return "UserRequest[username=" + username + ", isAdmin=" + isAdmin + "]";
    }
}
