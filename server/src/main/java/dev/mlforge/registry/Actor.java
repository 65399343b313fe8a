package dev.mlforge.registry;

/**
 * Who acts on the registry, and whether the server verified it: the approval workflow refuses an unauthenticated
 * approver where a rule demands two people, because an unverified name could be anyone's.
 *
 * <p>{@link Requesters#actor(io.javalin.http.Context)} produces it: the verified identity when the server
 * authenticates, else the unchecked user name of an HTTP Basic header ({@code authenticated} false).
 *
 * @param name          the user name as given, or null when the request named none
 * @param authenticated true only when the server verified that the request comes from {@code name}
 */
public record Actor(String name, boolean authenticated) {
    /** A name taken from the request as sent, unverified. */
    public static Actor unauthenticated(String name) {
        return new Actor(name, false);
    }
}
