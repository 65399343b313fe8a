package dev.mlforge.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;

/**
 * Writes a download to {@code TARGET.part} and moves it onto the target only when it is complete, so that a failed
 * or rejected download never leaves a file under the target's name, nor a partial file behind.
 */
final class PartialDownload {
    /** Writes the whole content to {@code partial}; may throw to reject it (e.g. a checksum mismatch). */
    @FunctionalInterface
    interface Writer {
        void write(Path partial) throws IOException;
    }

    private PartialDownload() {}

    /** Runs {@code writer}, then moves its file into place; an I/O failure is reported with {@code failure}'s text. */
    static void save(Path target, Writer writer, Function<IOException, String> failure) {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            writer.write(partial);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException(failure.apply(e), e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    private static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // The download failure is the error to report.
        }
    }
}
