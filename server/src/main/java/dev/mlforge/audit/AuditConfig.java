package dev.mlforge.audit;

import dev.mlforge.config.ConfigValues;

/**
 * Settings of the audit trail and its writer.
 *
 * @param enabled          false keeps no records ({@code audit.enabled}, default true): for throwaway servers and for
 *                         measuring what the trail costs
 * @param maxBatchSize     most records written in one transaction ({@code audit.max-batch-size}, default 1000)
 * @param maxBatchDelayMs  ms the writer waits for more records after the first of a batch ({@code audit.max-batch-delay-ms},
 *                         default 5)
 */
public record AuditConfig(boolean enabled, int maxBatchSize, int maxBatchDelayMs) {
    public static final String ENABLED_KEY = "audit.enabled";
    public static final String MAX_BATCH_SIZE_KEY = "audit.max-batch-size";
    public static final String MAX_BATCH_DELAY_KEY = "audit.max-batch-delay-ms";
    public static final AuditConfig DEFAULTS = new AuditConfig(true, 1000, 5);

    public static AuditConfig from(ConfigValues values) {
        return new AuditConfig(values.bool(ENABLED_KEY, DEFAULTS.enabled()), values.integer(MAX_BATCH_SIZE_KEY, DEFAULTS.maxBatchSize(), 1, 100_000),
                values.integer(MAX_BATCH_DELAY_KEY, DEFAULTS.maxBatchDelayMs(), 0, 1000));
    }
}
