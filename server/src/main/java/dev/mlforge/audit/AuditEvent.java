package dev.mlforge.audit;

import java.time.Instant;

/**
 * One audited action before it is chained: who did what to which resource, when, from where and how it ended.
 *
 * @param time          when the answer was decided (the application's clock, millisecond precision)
 * @param user          the identity's name ({@code anonymous} when unauthenticated)
 * @param authenticated true when the name was proven by credentials
 * @param action        method and route template, {@code POST /api/2.0/mlflow/experiments/create}
 * @param resource      identifiers acted on, {@code experiment_id=3,name=churn} (see {@link ResourcePairs}); empty when none
 * @param sourceAddress the client's address
 * @param status        the HTTP status answered
 * @param errorCode     the error code answered, or null on success
 * @param requestId     the request id
 */
public record AuditEvent(Instant time, String user, boolean authenticated, String action, String resource,
        String sourceAddress, int status, String errorCode, String requestId) {}
