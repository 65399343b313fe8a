package dev.mlforge.http;

/**
 * Where the door hands each request an audit trail must keep (every state-changing request and every refused
 * identity), once its answer is decided: the port the audit feature fills, so HTTP knows nothing of how records are
 * stored. Implementations must return quickly and never throw: they run on the request's thread.
 */
@FunctionalInterface
public interface RequestAudit {
    void record(AuditedRequest request);

    /** Keeps nothing: for servers built without an audit trail. */
    static RequestAudit none() {
        return request -> {};
    }
}
