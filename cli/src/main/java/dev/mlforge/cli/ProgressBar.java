package dev.mlforge.cli;

import dev.mlforge.sdk.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Draws a one-line progress bar per file on stderr ({@code \r}-redrawn, at most every 100 ms), for files of at
 * least {@link #MIN_BYTES} so that small files do not flicker.
 */
final class ProgressBar implements ProgressListener {
    static final long MIN_BYTES = 1024 * 1024;
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private String currentFile;
    private long lastDraw;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    /** A bar when {@code forced} or when a terminal is attached; otherwise a listener that prints nothing. */
    static ProgressListener forCommand(PrintWriter err, boolean forced) {
        // Java 17 cannot ask whether stderr alone is a terminal; an attached console is the closest signal.
        return forced || System.console() != null ? new ProgressBar(err) : ProgressListener.NONE;
    }

    @Override
    public synchronized void onProgress(String file, long bytesDone, long bytesTotal) {
        if (bytesTotal >= 0 && bytesTotal < MIN_BYTES) {
            return;
        }
        boolean finished = bytesTotal >= 0 && bytesDone >= bytesTotal;
        long now = System.nanoTime();
        if (!file.equals(currentFile)) {
            currentFile = file;
            lastDraw = now - REDRAW_NANOS;
        }
        if (!finished && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        err.print("\r" + line(file, bytesDone, bytesTotal));
        if (finished) {
            err.println();
        }
        err.flush();
    }

    static String line(String file, long done, long total) {
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s %s", file, megabytes(done));
        }
        int filled = (int) (WIDTH * done / total);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%% %s / %s", file, "#".repeat(filled), " ".repeat(WIDTH - filled),
                100 * done / total, megabytes(done), megabytes(total));
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }
}
