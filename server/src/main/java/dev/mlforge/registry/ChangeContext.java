package dev.mlforge.registry;

/** Who makes a change, when, and why: recorded with every stage and alias change. */
record ChangeContext(String user, long timestamp, String comment) {}
