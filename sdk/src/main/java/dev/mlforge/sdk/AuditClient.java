package dev.mlforge.sdk;

import dev.mlforge.api.audit.ListAuditRecordsResponse;
import dev.mlforge.api.audit.VerifyAuditResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit calls ({@code /api/v1/audit}, admin role): list the hash-chained records of state-changing and refused
 * requests, and verify the chain on the server.
 *
 * <p>Obtained from {@link MlforgeClient#audit()}; thread-safe. Every method throws {@link MlforgeClientException}
 * when the server rejects the call or cannot be reached ({@code PERMISSION_DENIED} for a caller without the admin
 * role, {@code INVALID_PARAMETER_VALUE} for a malformed filter).
 */
public final class AuditClient {
    private static final String AUDIT = "/api/v1/audit";
    private final HttpTransport transport;

    AuditClient(HttpTransport transport) {
        this.transport = transport;
    }

    /**
     * Lists one page of records, newest first.
     *
     * @param filters query parameters of the listing, null values left out: {@code user} (exact name), {@code action}
     *                (text the action contains), {@code resource} ({@code name=value} pair or bare value),
     *                {@code outcome} ({@code success}, {@code failure}, a status or an error code), {@code from} and
     *                {@code to} (ms since the epoch or ISO-8601 instants), {@code page_token}, {@code max_results}
     *                (1 to 1000, default 100)
     * @return the page and the token of the next one (null on the last page)
     */
    public ListAuditRecordsResponse list(Map<String, ?> filters) {
        Map<String, Object> query = new LinkedHashMap<>();
        filters.forEach((name, value) -> {
            if (value != null) {
                query.put(name, value);
            }
        });
        return transport.getJson(AUDIT, query, ListAuditRecordsResponse.class);
    }

    /**
     * Verifies the whole chain on the server: every record links to the one before it and matches its hash, and the
     * chain ends at its stored head.
     *
     * @return the verdict, with the first bad record's seq and the reason when the chain is broken
     */
    public VerifyAuditResponse verify() {
        return transport.getJson(AUDIT + "/verify", Map.of(), VerifyAuditResponse.class);
    }
}
