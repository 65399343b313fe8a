package dev.mlforge.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of the audit trail: each record's hash is SHA-256 over a canonical encoding of its seq, its fields
 * and the previous record's hash, so editing, removing or reordering any record breaks every link after it.
 *
 * <p>The encoding is unambiguous: a version tag, then each field in a fixed order as {@code S<length>:<UTF-8 bytes>},
 * or {@code N} for a missing value; numbers and the authenticated flag are written as decimal text.
 */
final class AuditChain {
    /** The previous hash of the first record: 64 zeros. */
    static final String GENESIS = "0".repeat(64);
    private static final byte[] VERSION = "mlforge-audit-v1\n".getBytes(StandardCharsets.US_ASCII);

    private AuditChain() {}

    /** The record that follows {@code head} for {@code event}. */
    static AuditRecordEntity link(ChainHead head, AuditEvent event) {
        long seq = head.seq() + 1;
        return new AuditRecordEntity(seq, event, head.hash(), hash(seq, event, head.hash()));
    }

    /** The hash a record with these contents must carry. */
    static String hash(long seq, AuditEvent event, String prevHash) {
        MessageDigest digest = sha256();
        digest.update(VERSION);
        field(digest, Long.toString(seq));
        field(digest, Long.toString(event.time().toEpochMilli()));
        field(digest, event.user());
        field(digest, event.authenticated() ? "1" : "0");
        field(digest, event.action());
        field(digest, event.resource());
        field(digest, event.sourceAddress());
        field(digest, Integer.toString(event.status()));
        field(digest, event.errorCode());
        field(digest, event.requestId());
        field(digest, prevHash);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void field(MessageDigest digest, String value) {
        if (value == null) {
            digest.update((byte) 'N');
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(("S" + bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK provides SHA-256", e);
        }
    }
}
