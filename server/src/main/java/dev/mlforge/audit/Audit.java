package dev.mlforge.audit;

import dev.mlforge.http.Feature;
import dev.mlforge.http.RequestAudit;
import dev.mlforge.http.Routes;
import dev.mlforge.store.Database;
import java.time.Clock;
import java.util.List;

/**
 * The audit feature assembled from its parts: the hash-chained trail of every state-changing or refused request,
 * its single batching writer, and the admin routes that list and verify it.
 */
public final class Audit implements Feature {
    private final AuditWriter writer;
    private final AuditService service;
    private final RequestAudit requests;

    public Audit(Database database, AuditConfig config, Clock clock) {
        AuditStore store = new JdbiAuditStore(database);
        this.writer = new AuditWriter(store, config);
        this.service = new AuditService(store, writer);
        this.requests = config.enabled() ? new AuditTrail(writer, clock) : RequestAudit.none();
    }

    /**
     * Verifies the chain of a store directly, without a running server (what {@code mlforge audit verify} runs).
     */
    public static AuditVerification verify(Database database) {
        return new AuditVerifier(new JdbiAuditStore(database)).verify();
    }

    /** Where the HTTP server hands the requests it audits (nowhere when {@code audit.enabled} is false). */
    public RequestAudit requests() {
        return requests;
    }

    public AuditService service() {
        return service;
    }

    @Override
    public List<Routes> routes() {
        return List.of(new AuditRoutes(service));
    }

    @Override
    public void start() {
        writer.start();
    }

    /** Writes every queued record before returning. */
    @Override
    public void close() {
        writer.close();
    }
}
