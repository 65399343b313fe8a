package dev.mlforge.cli.batch;

import dev.mlforge.sdk.MlforgeClient;

/**
 * The engine behind {@code mlforge batch-score}, found with {@link java.util.ServiceLoader} so the mlforge jar does
 * not carry it: the optional module {@code mlforge-spark} provides one (Apache Spark). Implementations need a public
 * no-argument constructor.
 */
public interface BatchScorer {
    /**
     * Scores {@code request.input()} with the model, writes {@code request.output()} and records the job as a run on
     * the server {@code client} talks to.
     *
     * @throws dev.mlforge.sdk.MlforgeClientException when the server refuses the model (unknown, tampered) or the run
     * @throws IllegalArgumentException naming the option when the input cannot be read or the output written
     */
    BatchScoreResult score(BatchScoreRequest request, MlforgeClient client);
}
