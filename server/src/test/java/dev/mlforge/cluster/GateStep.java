package dev.mlforge.cluster;

import dev.mlforge.pipelines.Step;
import dev.mlforge.pipelines.StepContext;
import dev.mlforge.pipelines.StepOutputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A pipeline step for the replica tests that waits until the file {@code with.gate} exists, so that a test can kill
 * the server running it mid-run. It appends {@code started <pid>} to {@code with.log} when it starts and
 * {@code finished <pid>} when it returns: the test reads there which server ran it, and how many times.
 */
public final class GateStep implements Step {
    @Override
    public boolean cacheable() {
        return false;
    }

    @Override
    public StepOutputs run(StepContext context) throws Exception {
        Path log = Path.of(context.string("log"));
        Path gate = Path.of(context.string("gate"));
        long pid = ProcessHandle.current().pid();
        append(log, "started " + pid);
        while (!Files.exists(gate)) {
            Thread.sleep(20);
        }
        append(log, "finished " + pid);
        return new StepOutputs().value("pid", pid);
    }

    private static synchronized void append(Path log, String line) throws java.io.IOException {
        Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }
}
