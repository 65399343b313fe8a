package dev.mlforge.audit;

import dev.mlforge.http.AuditedRequest;
import dev.mlforge.http.RequestAudit;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns each request the door audits into an event stamped by the application's clock and queues it for the writer. */
final class AuditTrail implements RequestAudit {
    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditWriter writer;
    private final Clock clock;

    AuditTrail(AuditWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void record(AuditedRequest request) {
        try {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            writer.submit(new AuditEvent(now, request.identity().name(), request.identity().authenticated(),
                    request.action(), ResourcePairs.encode(request.resource()), request.sourceAddress(),
                    request.status(), request.errorCode(), request.requestId()));
        } catch (RuntimeException e) {
            log.error("Could not queue the audit record of {} (request {})", request.action(), request.requestId(), e);
        }
    }
}
