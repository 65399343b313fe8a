package dev.mlforge.cli;

import dev.mlforge.sdk.ActiveRun;
import dev.mlforge.sdk.MlforgeClient;
import dev.mlforge.sdk.testing.ClientExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Runs {@code mlforge} commands in-process against the application a {@link ClientExtension} started. */
final class CliFixture {
    /** What one command printed and returned. */
    record Result(int exitCode, String out, String err) { }

    private final ClientExtension server;

    CliFixture(ClientExtension server) {
        this.server = server;
    }

    String url() {
        return server.baseUrl();
    }

    MlforgeClient client() {
        return server.client();
    }

    /**
     * Ends a run named {@code training} that logged a minimal MLflow model folder (written under {@code local}) at
     * artifact path {@code model}, and whatever {@code more} logs; returns the run's id.
     */
    String runWithModel(Path local, Consumer<ActiveRun> more) throws IOException {
        Path model = Files.createDirectories(local.resolve("model"));
        Files.writeString(model.resolve("MLmodel"), "flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n");
        try (ActiveRun run = client().startRun("training")) {
            run.logArtifact(model, "model");
            more.accept(run);
            return run.runId();
        }
    }

    /** Runs {@code mlforge <args> --tracking-uri <this server>}. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--tracking-uri");
        all.add(url());
        return runRaw(all.toArray(String[]::new));
    }

    /** Runs {@code mlforge <args>} as given. */
    static Result runRaw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
