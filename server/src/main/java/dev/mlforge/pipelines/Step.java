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
}
