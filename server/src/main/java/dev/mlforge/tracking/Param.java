package dev.mlforge.tracking;

/** A run parameter; its value never changes once logged. */
public record Param(String key, String value) {
}
