package dev.mlforge.cli;

import dev.mlforge.app.Application;
import dev.mlforge.config.ServerConfig;
import dev.mlforge.sdk.MlforgeClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** A real server on a free port and a way to run {@code mlforge} commands against it in-process. */
final class CliFixture implements AutoCloseable {
    /** What one command printed and returned. */
    record Result(int exitCode, String out, String err) { }

    private final Application server;

    CliFixture(Path dataDir) {
        this.server = new Application(ServerConfig.forDataDir(dataDir)).start();
    }

    String url() {
        return server.baseUrl();
    }

    MlforgeClient client() {
        return MlforgeClient.create(url());
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

    @Override
    public void close() {
        server.close();
    }
}
