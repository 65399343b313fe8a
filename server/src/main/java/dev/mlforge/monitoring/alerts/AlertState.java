package dev.mlforge.monitoring.alerts;

/** An alert fires once when its rule holds long enough, and resolves once when it stops holding. */
public enum AlertState { FIRING, RESOLVED }
