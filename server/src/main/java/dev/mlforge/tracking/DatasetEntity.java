package dev.mlforge.tracking;

/** A dataset described by reference: name, content digest, where it comes from, and optional schema and profile. */
public record DatasetEntity(String name, String digest, String sourceType, String source, String schema, String profile) {
}
