package dev.mlforge.tracking;

/** A logged model a run produced, at a step. */
public record LoggedModelOutput(String modelId, long step) {
}
