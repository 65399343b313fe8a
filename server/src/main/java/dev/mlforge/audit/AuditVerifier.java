package dev.mlforge.audit;

import java.util.List;

/**
 * Walks the audit chain in seq order and checks every link: seqs follow each other from 1, each record carries the
 * hash of the one before it, each hash matches its record, and the last record is the stored head. An edited record
 * fails its own hash, a removed or moved one breaks the link after it, and records cut off the end leave the head
 * pointing past the last one.
 */
final class AuditVerifier {
    private static final int PAGE = 1000;

    private final AuditStore store;

    AuditVerifier(AuditStore store) {
        this.store = store;
    }

    AuditVerification verify() {
        ChainHead head = store.head().orElse(null);
        long last = 0;
        String lastHash = AuditChain.GENESIS;
        long checked = 0;
        for (List<AuditRecordEntity> page = store.after(0, PAGE); !page.isEmpty(); page = store.after(last, PAGE)) {
            for (AuditRecordEntity record : page) {
                checked++;
                long expected = last + 1;
                if (record.seq() != expected) {
                    return AuditVerification.broken(checked, expected, "Record " + expected + " is missing: record "
                            + record.seq() + " follows record " + last);
                }
                if (!record.prevHash().equals(lastHash)) {
                    return AuditVerification.broken(checked, record.seq(), "Record " + record.seq() + " does not link to"
                            + " record " + last + " (its prev_hash is not that record's hash): a record was edited, removed"
                            + " or moved before it");
                }
                if (!AuditChain.hash(record.seq(), record.event(), record.prevHash()).equals(record.hash())) {
                    return AuditVerification.broken(checked, record.seq(), "Record " + record.seq()
                            + " does not match its hash: it was edited");
                }
                last = record.seq();
                lastHash = record.hash();
            }
        }
        return checkHead(head, checked, last, lastHash);
    }

    private static AuditVerification checkHead(ChainHead head, long checked, long last, String lastHash) {
        if (head == null) {
            return checked == 0 ? AuditVerification.intact(0)
                    : AuditVerification.broken(checked, last, "The chain head is missing: it was deleted");
        }
        if (head.seq() > last) {
            return AuditVerification.broken(checked, last + 1, "Records " + (last + 1) + " to " + head.seq()
                    + " are missing: the chain ends at record " + last + " but its head is record " + head.seq());
        }
        if (head.seq() < last) {
            return AuditVerification.broken(checked, head.seq() + 1, "Record " + (head.seq() + 1)
                    + " was added after the chain head (record " + head.seq() + ")");
        }
        if (!head.hash().equals(lastHash)) {
            return AuditVerification.broken(checked, last, "Record " + last + " does not match the chain head's hash");
        }
        return AuditVerification.intact(checked);
    }
}
