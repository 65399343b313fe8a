package dev.mlforge.cli.pipelines;

import dev.mlforge.pipelines.StepEvent;
import dev.mlforge.pipelines.StepState;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Prints one line per step state change: time, step, state, attempt and message. */
final class ProgressPrinter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final PrintWriter out;

    ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    synchronized void print(StepEvent event) {
        if (event.state() == StepState.PENDING) {
            return;
        }
        print(event.time().toEpochMilli(), event.step(), event.state().name(), event.attempt(), event.message());
    }

    synchronized void print(long epochMillis, String step, String state, int attempt, String message) {
        StringBuilder line = new StringBuilder(String.format("%s  %-12s %-9s", TIME.format(java.time.Instant.ofEpochMilli(epochMillis)),
                step, state));
        if (attempt > 1) {
            line.append(" attempt ").append(attempt);
        }
        if (message != null && !message.isBlank()) {
            line.append("  ").append(message);
        }
        out.println(line.toString().stripTrailing());
        out.flush();
    }
}
