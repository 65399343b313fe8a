package dev.mlforge.registry;

/** A version that changed stage as part of one transition (the target, or one archived with it). */
record StageChange(int version, Stage from, Stage to) {}
