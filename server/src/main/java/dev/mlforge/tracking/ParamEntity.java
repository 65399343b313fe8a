package dev.mlforge.tracking;

/** A run parameter; its value never changes once logged. */
public record ParamEntity(String key, String value) {
}
