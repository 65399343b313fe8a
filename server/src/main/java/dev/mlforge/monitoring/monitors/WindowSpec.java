package dev.mlforge.monitoring.monitors;

/**
 * Which recent predictions a monitor compares with its reference: the last {@code lastN}, or those of the last
 * {@code spanSeconds}. Exactly one is set.
 */
public record WindowSpec(Integer lastN, Long spanSeconds) {}
