package dev.mlforge.http;

import io.javalin.http.Context;

/**
 * Who made a request, as the {@link Authenticator} established it, and the highest {@link Role} it holds. Handlers
 * read it with {@link #of(Context)}; an unauthenticated identity must never count as a distinct person (for example as
 * the second approver a rule demands).
 *
 * @param name          the user name, or {@code anonymous}
 * @param authenticated true when credentials were checked
 * @param role          the highest role granted
 */
public record RequestIdentity(String name, boolean authenticated, Role role) {
    static final String ATTRIBUTE = "mlforge.identity";

    private static final RequestIdentity ANONYMOUS = new RequestIdentity("anonymous", false, Role.ADMIN);

    /** The identity of every request while no authentication is configured: unauthenticated, every role granted. */
    public static RequestIdentity anonymous() {
        return ANONYMOUS;
    }

    /** The identity the door attached to this request ({@link #anonymous()} for routes outside the door). */
    public static RequestIdentity of(Context ctx) {
        RequestIdentity identity = ctx.attribute(ATTRIBUTE);
        return identity == null ? ANONYMOUS : identity;
    }

    public boolean holds(Role required) {
        return role.includes(required);
    }
}
