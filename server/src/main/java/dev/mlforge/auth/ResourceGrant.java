package dev.mlforge.auth;

/**
 * One user's permission on one experiment (resource = experiment id) or registered model (resource = name).
 *
 * @param resource experiment id or registered model name
 * @param userId   the user's id
 * @param permission the granted permission
 */
public record ResourceGrant(String resource, long userId, Permission permission) {
}
