package dev.mlforge.tracking;

/** A key-value tag of an experiment, a run or a dataset input. */
public record Tag(String key, String value) {
}
