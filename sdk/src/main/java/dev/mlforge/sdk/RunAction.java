package dev.mlforge.sdk;

/**
 * The body of a run started with {@link MlforgeClient#run(String, RunAction)}: what the run does.
 */
@FunctionalInterface
public interface RunAction {
    /**
     * Does the run's work; throwing marks the run {@code FAILED}.
     *
     * @param run the active run to log to
     * @throws Exception any failure of the work
     */
    void execute(ActiveRun run) throws Exception;
}
