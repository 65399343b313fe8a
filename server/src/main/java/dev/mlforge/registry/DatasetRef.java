package dev.mlforge.registry;

/** A dataset a run consumed, as MLflow's run inputs name it ({@code context} is e.g. "training"; may be null). */
public record DatasetRef(String name, String digest, String context) {}
