package dev.mlforge.audit;

/**
 * The last record of the chain as the writer left it, stored apart from the records so that cutting records off the
 * end of the chain is detected.
 *
 * @param seq  the last record's seq (0 when the chain is empty)
 * @param hash the last record's hash ({@link AuditChain#GENESIS} when empty)
 */
record ChainHead(long seq, String hash) {
    static final ChainHead EMPTY = new ChainHead(0, AuditChain.GENESIS);
}
