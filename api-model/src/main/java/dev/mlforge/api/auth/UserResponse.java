package dev.mlforge.api.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code users/create} and {@code users/get}.
 *
 * @param user the user
 */
public record UserResponse(@JsonProperty("user") User user) {
}
