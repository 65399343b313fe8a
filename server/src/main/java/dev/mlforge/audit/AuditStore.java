package dev.mlforge.audit;

import java.util.List;
import java.util.Optional;

/** Where the audit chain is kept: appended to in batches, listed newest first, read in chain order to verify it. */
interface AuditStore {
    /** Chains {@code events} after the stored head and writes them and the new head in one transaction. */
    void append(List<AuditEvent> events);

    /** Records matching {@code filter}, newest first, at most {@code filter.limit()}. */
    List<AuditRecordEntity> search(AuditFilter filter);

    /** Up to {@code limit} records with a seq above {@code afterSeq}, in seq order. */
    List<AuditRecordEntity> after(long afterSeq, int limit);

    /** The stored chain head, empty when nothing was ever appended. */
    Optional<ChainHead> head();
}
