package dev.mlforge.features;

/**
 * An entity: the thing features describe, identified by its join key column in sources and entity rows.
 *
 * @param name        the entity's name ({@code driver})
 * @param joinKey     the column holding its key ({@code driver_id})
 * @param description free text, may be empty
 * @param version     1 for the first apply, bumped each time an apply changes the definition
 * @param createdAt   when this version was applied, epoch milliseconds
 */
public record EntityDefinition(String name, String joinKey, String description, int version, long createdAt) {}
