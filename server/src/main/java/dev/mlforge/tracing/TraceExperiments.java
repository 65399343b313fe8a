package dev.mlforge.tracing;

/** Tracing's view of experiments, which tracking owns: a trace's experiment must exist and be active. */
public interface TraceExperiments {
    /** The artifact location of active experiment {@code experimentId}; RESOURCE_DOES_NOT_EXIST or INVALID_STATE otherwise. */
    String activeArtifactLocation(String experimentId);
}
