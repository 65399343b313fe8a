package dev.mlforge.cli;

import dev.mlforge.cli.batch.BatchScoreRequest;
import dev.mlforge.cli.batch.BatchScoreResult;
import dev.mlforge.cli.batch.BatchScorer;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlforge batch-score}: scores a CSV or Parquet file with a registered model on Apache Spark. The engine is the
 * optional module {@code mlforge-spark} ({@link BatchScorer}); without it the command says so and how to get it.
 */
@Command(name = "batch-score", mixinStandardHelpOptions = true,
        description = {"Score a CSV or Parquet input with a registered model on Apache Spark; writes Parquet with the",
            "model's predictions and version and records the job as a run. Needs the mlforge-spark module:",
            "run it as ./mlforge-spark batch-score ... (see docs/spark.md)."})
final class BatchScoreCommand implements Callable<Integer> {
    static final String MODULE_MISSING = "batch-score needs the optional module mlforge-spark (and Apache Spark) on the"
            + " class path; run ./mlforge-spark batch-score ... from the source tree (see docs/spark.md)";

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Option(names = "--model", required = true, paramLabel = "URI",
            description = "models:/name@alias, models:/name/1, models:/m-<id> or runs:/<run>/<path>.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "A CSV file with a header, or a Parquet file or directory (local, s3a:// with hadoop-aws).")
    String input;

    @Option(names = "--output", required = true, paramLabel = "PATH", description = "Where the Parquet result goes (must not exist).")
    String output;

    @Option(names = "--master", defaultValue = "local[*]", paramLabel = "URL",
            description = "The Spark master (default: ${DEFAULT-VALUE}), e.g. spark://host:7077.")
    String master;

    @Option(names = "--experiment", defaultValue = "batch-scoring", paramLabel = "NAME",
            description = "The experiment the job's run goes to (default: ${DEFAULT-VALUE}).")
    String experiment;

    @Override
    public Integer call() {
        BatchScorer scorer = scorer();
        BatchScoreResult result = scorer.score(new BatchScoreRequest(model, input, output, master, experiment), server.client());
        PrintWriter out = spec.commandLine().getOut();
        String version = result.modelVersion() == null ? model : result.modelName() + " version " + result.modelVersion();
        out.printf(Locale.ROOT, "scored %d rows with %s in %.1f s (%.0f rows/s) -> %s%nrun %s%n", result.rows(), version,
                result.seconds(), result.rows() / Math.max(result.seconds(), 1e-9), result.output(), result.runId());
        out.flush();
        return 0;
    }

    private static BatchScorer scorer() {
        Iterator<BatchScorer> found = ServiceLoader.load(BatchScorer.class, BatchScoreCommand.class.getClassLoader()).iterator();
        if (!found.hasNext()) {
            throw new IllegalArgumentException(MODULE_MISSING);
        }
        return found.next();
    }
}
