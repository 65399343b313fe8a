package dev.mlforge.auth;

import java.util.List;
import java.util.Optional;

/**
 * The port through which permission checks find the experiment a request touches when it names a run, a logged model
 * or an experiment by name, a trace or a transition request (as MLflow's validators ask the tracking store), and the
 * feature views behind a feature service; the adapter over tracking lives in {@code app}. Empty when the thing does not
 * exist: the route then answers its own 404.
 */
public interface ResourceLocator {
    Optional<String> experimentOfRun(String runId);

    Optional<String> experimentOfLoggedModel(String modelId);

    Optional<String> experimentByName(String name);

    /** The experiment a trace was logged to. */
    Optional<String> experimentOfTrace(String traceId);

    /** The registered model a stage or alias transition request is about. */
    Optional<String> modelOfTransitionRequest(String requestId);

    /** The feature views a feature service reads (its current version), each once; empty when there is no such service. */
    List<String> viewsOfFeatureService(String serviceName);
}
