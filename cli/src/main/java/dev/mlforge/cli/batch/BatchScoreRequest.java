package dev.mlforge.cli.batch;

/**
 * One batch-scoring job.
 *
 * @param modelUri   {@code models:/name@alias}, {@code models:/name/1}, {@code models:/m-<id>} or {@code runs:/...}
 * @param input      a CSV file (with a header) or Parquet file or directory; local, or any URI Spark reads
 *                   ({@code s3a://} with hadoop-aws on the class path)
 * @param output     where the Parquet result goes (must not exist)
 * @param master     the Spark master, e.g. {@code local[*]} or {@code spark://host:7077}
 * @param experiment the experiment the job's run is recorded in
 */
public record BatchScoreRequest(String modelUri, String input, String output, String master, String experiment) {}
