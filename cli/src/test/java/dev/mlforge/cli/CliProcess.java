package dev.mlforge.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code mlforge} as its own process (this test class path), with a chosen environment and working folder. */
final class CliProcess {
    /** What the process printed and returned. */
    record Result(int exitCode, String out, String err) { }

    private CliProcess() {}

    /** Runs {@code mlforge <args>} in {@code workDir}, with {@code environment} added to a copy of this one's. */
    static Result run(Path workDir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return run(workDir, environment, List.of(), args);
    }

    /** As {@link #run(Path, Map, String...)}, with options for the JVM (such as {@code -Xmx64m}). */
    static Result run(Path workDir, Map<String, String> environment, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        return run(workDir, environment, jvmOptions, 120, args);
    }

    /** As {@link #run(Path, Map, List, String...)}, waiting at most {@code timeoutSeconds}. */
    static Result run(Path workDir, Map<String, String> environment, List<String> jvmOptions, int timeoutSeconds,
            String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("mlforge-out", ".txt");
        Path err = Files.createTempFile("mlforge-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MLFORGE_") || name.startsWith("MLFLOW_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("mlforge " + String.join(" ", args) + " did not end within " + timeoutSeconds
                        + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
