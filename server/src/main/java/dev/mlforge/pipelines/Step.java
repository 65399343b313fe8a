package dev.mlforge.pipelines;

/**
 * One unit of work in a pipeline. Custom steps implement this interface, have a public no-argument constructor,
 * and are named in the pipeline file by their class name ({@code uses: com.example.MyStep}).
 *
 * <p>A step reads its inputs and parameters from the context, writes files only under
 * {@link StepContext#outputDir()}, and returns its outputs. Throwing fails the attempt (it may be retried).
 */
public interface Step {
    StepOutputs run(StepContext context) throws Exception;

    /**
     * Whether an earlier result with the same inputs and parameters may be reused. Steps with side effects
     * outside their output folder (registering, promoting, deploying) return false.
     */
    default boolean cacheable() {
        return true;
    }

    /**
     * How this step uses the dataset versions upstream of it (see {@link StepContext#datasets()}): the
     * {@code mlflow.data.context} tag they are logged with as inputs of the step's run, e.g.
     * {@link dev.mlforge.datasets.MlflowDataset#TRAINING}; null logs them without a context.
     */
    default String datasetContext() {
        return null;
    }

    /**
     * The parameters ({@code with.<name>}) that name a file to read, e.g. {@code load}'s {@code path}: for a run
     * submitted to the server they are checked before the run is accepted, and must stay inside the server's
     * pipelines folder. Read them with {@link StepContext#file(String)}.
     */
    default java.util.Set<String> fileParameters() {
        return java.util.Set.of();
    }
}
