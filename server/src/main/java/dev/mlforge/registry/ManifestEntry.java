package dev.mlforge.registry;

/** One file of a version's integrity manifest: its path relative to the version's directory, SHA-256 and size. */
public record ManifestEntry(String path, String sha256, long size) {}
