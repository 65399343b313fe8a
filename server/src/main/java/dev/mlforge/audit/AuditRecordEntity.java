package dev.mlforge.audit;

/**
 * An audit event as stored: its place in the chain, the hash of the record before it and its own hash over both.
 *
 * @param seq      position in the chain, from 1, without gaps
 * @param event    what happened
 * @param prevHash the hash of record {@code seq - 1} ({@link AuditChain#GENESIS} for the first)
 * @param hash     SHA-256 (hex) of the canonical encoding of seq, event and prevHash
 */
public record AuditRecordEntity(long seq, AuditEvent event, String prevHash, String hash) {}
