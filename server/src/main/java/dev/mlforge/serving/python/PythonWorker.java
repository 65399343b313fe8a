package dev.mlforge.serving.python;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.concurrent.DaemonThreads;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.serving.Tensor;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Python process running {@code mlforge_worker.py} for one model: started, awaited until the model is loaded,
 * called one batch at a time over its pipes, and killed when a call outlives its timeout. Not thread-safe: its
 * pool lends it to one caller at a time.
 */
final class PythonWorker {
    private static final Logger log = LoggerFactory.getLogger(PythonWorker.class);
    private static final int STDERR_LINES_KEPT = 1;
    /** BLAS and OpenMP pools of one thread: workers are the unit of parallelism, as in MLflow's scoring server. */
    private static final Map<String, String> ONE_THREAD = Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", "1",
            "MKL_NUM_THREADS", "1", "PYTHONDONTWRITEBYTECODE", "1");

    /** What the worker reported once its model was loaded. */
    record Ready(long pid, JsonNode description) {}

    private final Process process;
    private final OutputStream requests;
    private final DataInputStream answers;
    private final String label;
    private final ScheduledExecutorService watchdog;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private volatile boolean timedOut;
    private Ready ready;

    private PythonWorker(Process process, String label, ScheduledExecutorService watchdog) {
        this.process = process;
        this.requests = process.getOutputStream();
        this.answers = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        this.label = label;
        this.watchdog = watchdog;
        DaemonThreads.start("mlforge-python-stderr-" + process.pid(), () -> drainStderr(process.getErrorStream()));
    }

    /**
     * Starts a worker and waits until it has loaded the model. INVALID_PARAMETER_VALUE naming the cause when the
     * interpreter cannot start, packages are missing or the model does not load.
     */
    static PythonWorker start(PythonConfig config, String interpreter, Path script, String spec, String label,
            ScheduledExecutorService watchdog) {
        ProcessBuilder builder = new ProcessBuilder(interpreter, script.toString(), spec);
        ONE_THREAD.forEach((key, value) -> builder.environment().putIfAbsent(key, value));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw MlforgeException.invalidParameter("Cannot start the Python interpreter '" + config.interpreter()
                    + "' (serving.python.interpreter) for " + label + ": " + e.getMessage());
        }
        PythonWorker worker = new PythonWorker(process, label, watchdog);
        try {
            worker.ready = worker.awaitReady(config, interpreter);
            return worker;
        } catch (RuntimeException e) {
            worker.kill();
            worker.awaitExit();
            throw e;
        }
    }

    long pid() {
        return process.pid();
    }

    Ready ready() {
        return ready;
    }

    boolean alive() {
        return process.isAlive();
    }

    private Ready awaitReady(PythonConfig config, String interpreter) {
        ScheduledFuture<?> guard = watchdog.schedule(this::expire, config.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        byte[] answer;
        try {
            answer = readMessage();
        } catch (IOException e) {
            answer = null;
        } finally {
            guard.cancel(false);
        }
        if (answer == null) {
            throw MlforgeException.invalidParameter(timedOut
                    ? "The Python worker for " + label + " did not load the model within serving.python.start-timeout ("
                            + config.startTimeout().toMillis() + " ms)"
                    : "The Python worker for " + label + " exited with code " + exitCode() + " before loading the model"
                            + stderrSummary());
        }
        JsonNode body = json(answer);
        return switch (answer[0]) {
            case 0 -> new Ready(process.pid(), body);
            case 3 -> throw missingPackages(config, interpreter, body.path("missing"));
            default -> throw MlforgeException.invalidParameter("The Python worker cannot load " + label + ": "
                    + body.path("error").asText("unknown error"));
        };
    }

    /** A batch's outputs, and whether the model returned them as a dict of arrays (status 4) rather than rows. */
    record Answer(List<Tensor> outputs, boolean dict) {}

    /**
     * Runs one batch. The model raising answers INVALID_PARAMETER_VALUE and keeps the worker; a worker that dies
     * or outlives {@code timeout} (then killed) answers {@link WorkerLostException}.
     */
    Answer predict(List<Tensor> inputs, Duration timeout) {
        byte[] payload = Frames.encode(inputs);
        ScheduledFuture<?> guard = watchdog.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        byte[] answer;
        try {
            writeMessage(payload);
            answer = readMessage();
        } catch (IOException e) {
            answer = null;
        } finally {
            guard.cancel(false);
        }
        if (answer == null) {
            throw lost(timeout);
        }
        if (answer[0] != 0 && answer[0] != 4) {
            throw MlforgeException.invalidParameter("Predicting with " + label + " raised "
                    + new String(answer, 1, answer.length - 1, StandardCharsets.UTF_8));
        }
        return new Answer(Frames.decode(answer, 1), answer[0] == 4);
    }

    private WorkerLostException lost(Duration timeout) {
        kill();
        if (timedOut) {
            return new WorkerLostException(ErrorCode.DEADLINE_EXCEEDED, "The Python worker (pid " + pid() + ") of " + label
                    + " did not answer within serving.request-timeout (" + timeout.toMillis()
                    + " ms); it was killed and is being replaced");
        }
        return new WorkerLostException(ErrorCode.TEMPORARILY_UNAVAILABLE, "The Python worker (pid " + pid() + ") of "
                + label + " died while predicting (exit code " + exitCode() + "); it is being replaced, retry"
                + stderrSummary());
    }

    private void expire() {
        timedOut = true;
        kill();
    }

    private void writeMessage(byte[] payload) throws IOException {
        int length = payload.length;
        requests.write(new byte[] {(byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24)});
        requests.write(payload);
        requests.flush();
    }

    /** The next message, or null at the end of the stream. */
    private byte[] readMessage() throws IOException {
        try {
            int length = Integer.reverseBytes(answers.readInt());
            byte[] payload = new byte[length];
            answers.readFully(payload);
            return payload;
        } catch (EOFException e) {
            return null;
        }
    }

    private static JsonNode json(byte[] answer) {
        try {
            return Json.mapper().readTree(new String(answer, 1, answer.length - 1, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw MlforgeException.invalidState("The Python worker answered a malformed ready message");
        }
    }

    private MissingPythonPackages missingPackages(PythonConfig config, String interpreter, JsonNode array) {
        List<String> missing = names(array);
        String which = interpreter.equals(config.interpreter())
                ? "interpreter '" + interpreter + "' (serving.python.interpreter)"
                : "the environment built from its requirements";
        return new MissingPythonPackages("Serving " + label + " needs Python packages that " + which + " cannot import: "
                + missing, missing);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }

    private String exitCode() {
        try {
            return process.waitFor(500, TimeUnit.MILLISECONDS) ? String.valueOf(process.exitValue()) : "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private String stderrSummary() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "" : "; its last output: " + stderrTail.peekLast();
        }
    }

    private void drainStderr(InputStream stderr) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                log.info("python worker {} ({}): {}", process.pid(), label, line);
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > STDERR_LINES_KEPT) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone; nothing more to read
        }
    }

    /** Kills the process and anything it started, at once. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Waits (up to 2 s) until the killed process is gone, so no caller sees it alive afterwards. */
    void awaitExit() {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes its stdin (the worker exits at the end of its input), then kills what is left after a grace period. */
    void stop() {
        try {
            requests.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                kill();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }
}
