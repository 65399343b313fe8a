package dev.mlforge.http;

/** What an {@link Authenticator} may read of a request, so authenticators need not depend on the web framework. */
public interface IncomingRequest {
    String method();

    String path();

    /** A header's value, or null when absent. */
    String header(String name);

    /** The client's address as seen by the server (a proxy's when behind one). */
    String remoteAddress();
}
