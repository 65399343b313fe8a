package dev.mlforge.registry;

/**
 * One stage or alias change of a version, kept for audit.
 *
 * @param kind  {@code stage} or {@code alias}
 * @param alias the alias for an alias change, null for a stage change
 * @param from  the previous stage, or for an alias the version it pointed at (null when new)
 * @param to    the new stage, or for an alias the version it now points at (null when deleted)
 */
public record HistoryEvent(long id, String modelName, int version, String kind, String alias, String from, String to,
        String user, long timestamp, String comment) {}
