package dev.mlforge.audit;

import dev.mlforge.config.ConfigValues;

/**
 * Settings of the audit trail's writer.
 *
 * @param maxBatchSize     most records written in one transaction ({@code audit.max-batch-size}, default 1000)
 * @param maxBatchDelayMs  ms the writer waits for more records after the first of a batch ({@code audit.max-batch-delay-ms},
 *                         default 5)
 */
public record AuditConfig(int maxBatchSize, int maxBatchDelayMs) {
    public static final String MAX_BATCH_SIZE_KEY = "audit.max-batch-size";
    public static final String MAX_BATCH_DELAY_KEY = "audit.max-batch-delay-ms";
    public static final AuditConfig DEFAULTS = new AuditConfig(1000, 5);

    public static AuditConfig from(ConfigValues values) {
        return new AuditConfig(values.integer(MAX_BATCH_SIZE_KEY, DEFAULTS.maxBatchSize(), 1, 100_000),
                values.integer(MAX_BATCH_DELAY_KEY, DEFAULTS.maxBatchDelayMs(), 0, 1000));
    }
}
