package dev.mlforge.api.pipelines;

/** The answer {@code {}} of deleting a schedule or a drift trigger: the call succeeded, nothing to return. */
public record EmptyPipelineResponse() {}
