package dev.mlforge.audit;

import java.time.Instant;

/**
 * Which audit records a listing asks for; null fields do not filter.
 *
 * @param user      exact identity name
 * @param action    text the action contains ({@code DELETE}, {@code /registered-models/})
 * @param resource  a {@code name=value} pair the resource holds, or a bare value one of its pairs has
 * @param outcome   the outcome, see {@link Outcome}
 * @param from      earliest time, inclusive
 * @param to        latest time, inclusive
 * @param beforeSeq only records older than this seq (the page token)
 * @param limit     most records answered
 */
public record AuditFilter(String user, String action, String resource, Outcome outcome, Instant from, Instant to,
        Long beforeSeq, int limit) {}
