package dev.mlforge.http;

import io.javalin.http.HandlerType;

/**
 * A matched request as {@link RequestGuard} checks it: what authenticators and policies read, plus the body the door
 * checks. The router's requests ({@link GuardedRequest}) and the lean data plane's ({@link LeanExchange}) both are one,
 * so a check added to the door applies to both paths.
 */
interface DoorRequest extends AccessRequest {
    HandlerType handlerType();

    /** The declared body length, or -1 when unknown. */
    long contentLength();

    /** The whole body; read only for a JSON body within the size limit. */
    byte[] body();

    /** Keeps the identity the door established, for the routes and the audit trail. */
    void identify(RequestIdentity identity);
}
