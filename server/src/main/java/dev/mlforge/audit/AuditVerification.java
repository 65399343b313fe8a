package dev.mlforge.audit;

/**
 * The verdict of walking the audit chain.
 *
 * @param valid          true when the chain is intact from its first record to its stored head
 * @param recordsChecked records read before the verdict
 * @param firstBadSeq    the first record found edited, missing or out of place; null when valid
 * @param reason         what was found; null when valid
 */
public record AuditVerification(boolean valid, long recordsChecked, Long firstBadSeq, String reason) {
    static AuditVerification intact(long recordsChecked) {
        return new AuditVerification(true, recordsChecked, null, null);
    }

    static AuditVerification broken(long recordsChecked, long firstBadSeq, String reason) {
        return new AuditVerification(false, recordsChecked, firstBadSeq, reason);
    }
}
