package dev.mlforge.registry;

/**
 * Who acts on the registry, and whether the server verified it: the approval workflow refuses an unauthenticated
 * approver where a rule demands two people, because an unverified name could be anyone's.
 *
 * <p>Today every actor comes from the user name of an HTTP Basic header that nothing checks
 * ({@link Requesters#of(io.javalin.http.Context)}), so {@code authenticated} is always false; when the server
 * authenticates users, only the producer of this value changes.
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
