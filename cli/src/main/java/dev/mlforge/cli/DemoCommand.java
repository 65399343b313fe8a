package dev.mlforge.cli;

import dev.mlforge.app.Application;
import dev.mlforge.config.ConfigLoader;
import dev.mlforge.config.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlforge demo}: the whole lifecycle on real data in one command, against an embedded server. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole lifecycle on real data in one command: starts an embedded server, registers the "
                + "wine dataset, trains with a hyperparameter search, registers, promotes and deploys the best model, "
                + "sends shifted held-out rows for prediction with their labels, monitors drift and writes an HTML report."})
public final class DemoCommand implements Callable<Integer> {
    static final Path DEFAULT_DATA_DIR = Path.of("mlforge-demo-data");
    private static final int PREFERRED_PORT = 5000;

    @Option(names = "--data-dir", description = "Folder for the demo's server (default ./mlforge-demo-data, wiped at start).")
    Path dataDir;

    @Option(names = "--port", description = "Port of the embedded server (default 5000 if free, else a free one; 0 picks a free one).")
    Integer port;

    @Spec
    CommandSpec spec;

    @Option(names = "--keep-running", description = "Leave the server running after the demo, until Ctrl-C.")
    boolean keepRunning;

    /** Held so that the level sticks: Tribuo logs every training epoch at INFO through java.util.logging. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    @Override
    public Integer call() throws Exception {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        Path dir = dataDir != null ? dataDir : DEFAULT_DATA_DIR;
        if (dataDir == null) {
            DataDirs.deleteTree(dir);
        }
        Application server;
        try {
            server = new Application(config(dir, port != null ? port : freeOr(PREFERRED_PORT))).start();
        } catch (RuntimeException e) {
            err.println("mlforge demo failed: the embedded server did not start: " + e.getMessage());
            return 1;
        }
        out.println("mlforge demo: embedded server at " + server.baseUrl() + " (data dir " + dir.toAbsolutePath() + ")");
        try {
            DemoStages.Facts facts = new DemoStages(server, new DemoClient(server.baseUrl()), out,
                    dir.resolve("demo")).run();
            new DemoSummary(facts, server.baseUrl(), (System.nanoTime() - started) / 1e9).print(out);
        } catch (DemoFailure e) {
            err.println("mlforge demo failed at " + e.getMessage());
            server.close();
            return 1;
        }
        if (keepRunning) {
            out.println("The server keeps running at " + server.baseUrl() + "; press Ctrl-C to stop it.");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "mlforge-demo-shutdown"));
            stopped.await();
        } else {
            server.close();
        }
        return 0;
    }

    private static ServerConfig config(Path dir, int port) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("host", "127.0.0.1");
        flags.put("port", String.valueOf(port));
        flags.put("data-dir", dir.toString());
        return ServerConfig.from(ConfigLoader.fromSystemEnvironment().load(null, flags));
    }

    /** {@code preferred} when nothing listens there, else 0 (the server picks a free port). */
    static int freeOr(int preferred) {
        try (ServerSocket socket = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
            return preferred;
        } catch (IOException e) {
            return 0;
        }
    }
}
