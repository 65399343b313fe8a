package dev.mlforge.api.serving;

/**
 * The answer {@code {}} of deleting a deployment and of attaching feedback: the call succeeded, nothing to return.
 */
public record EmptyDeploymentResponse() {
}
