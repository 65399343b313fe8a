package dev.mlforge.audit;

import dev.mlforge.http.MlforgeException;
import java.time.Duration;
import java.util.List;

/** Reads the audit trail: filtered pages newest first, and the chain's verification. */
public final class AuditService {
    static final int DEFAULT_MAX_RESULTS = 100;
    static final int MAX_RESULTS = 1000;
    /** A listing waits at most this long for records still queued, so it shows the requests answered before it. */
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(5);

    private final AuditStore store;
    private final AuditWriter writer;

    AuditService(AuditStore store, AuditWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    /** One page of records matching {@code filter}, newest first, with the token of the next page when there is one. */
    public AuditPage list(AuditFilter filter) {
        if (filter.limit() < 1 || filter.limit() > MAX_RESULTS) {
            throw MlforgeException.invalidParameter("'max_results' must be from 1 to " + MAX_RESULTS + ", got " + filter.limit());
        }
        writer.flush(FLUSH_WAIT);
        List<AuditRecordEntity> found = store.search(new AuditFilter(filter.user(), filter.action(), filter.resource(),
                filter.outcome(), filter.from(), filter.to(), filter.beforeSeq(), filter.limit() + 1));
        if (found.size() <= filter.limit()) {
            return new AuditPage(found, null);
        }
        List<AuditRecordEntity> page = found.subList(0, filter.limit());
        return new AuditPage(List.copyOf(page), page.get(page.size() - 1).seq());
    }

    /** Walks the whole chain once everything queued is written. */
    public AuditVerification verify() {
        writer.flush(FLUSH_WAIT);
        return new AuditVerifier(store).verify();
    }

    /**
     * A page of records.
     *
     * @param records        newest first
     * @param nextBeforeSeq  the {@code beforeSeq} of the next page, or null on the last page
     */
    public record AuditPage(List<AuditRecordEntity> records, Long nextBeforeSeq) {}
}
