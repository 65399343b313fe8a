package dev.mlforge.monitoring.monitors;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.monitoring.drift.DriftReport;
import dev.mlforge.monitoring.drift.LargeDrift;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Monitor drift on the bounded-memory engine ({@link LargeDrift}, DuckDB) for references of at least a threshold size:
 * the engine scans the reference CSV in place (it never enters the heap), the prediction window is written once as a
 * CSV file into the spill folder and deleted after the run, and the report comes from the same statistics as the
 * in-memory path ({@link CalculatorDriftEvaluator}), so a monitor's result does not depend on the path it took.
 */
public final class EngineDrift {
    private final LargeDrift engine;
    private final Path spillDirectory;
    private final long thresholdBytes;

    /**
     * @param thresholdBytes from which reference size a run takes this path (0: every run with a reference file)
     * @param memoryLimit    the engine's memory limit, off the heap ({@code 1GB})
     * @param spillDirectory where the engine spills and the window files are written
     */
    public EngineDrift(long thresholdBytes, String memoryLimit, Path spillDirectory) {
        this.engine = new LargeDrift(spillDirectory, memoryLimit);
        this.spillDirectory = spillDirectory;
        this.thresholdBytes = thresholdBytes;
    }

    /** The reference file when the run belongs on the engine (it is at least the threshold size); empty otherwise. */
    Optional<ReferenceSource.ReferenceFile> reference(ReferenceSource references, ReferenceSpec spec) {
        return references.file(spec).filter(file -> file.bytes() >= thresholdBytes);
    }

    /** The reference file's column names, read from its header without scanning its rows. */
    List<String> columnNames(Path reference, String name) {
        try {
            return engine.columnNames(reference, reference).get(0);
        } catch (MlforgeException e) {
            throw MlforgeException.invalidParameter("Cannot read reference " + name + ": " + e.getMessage());
        }
    }

    /** Compares {@code columns} of the reference file with the same inputs of the window's rows. */
    DriftReport compare(Path reference, String referenceName, List<PredictionRow> rows, List<String> columns,
            Map<String, ColumnOverride> overrides, double driftShare) {
        Path window = null;
        try {
            Files.createDirectories(spillDirectory);
            window = Files.createTempFile(spillDirectory, "window-", ".csv");
            write(window, rows, columns);
            return engine.compare(reference, referenceName, window, "the prediction window",
                    CalculatorDriftEvaluator.options(columns, overrides, driftShare));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the prediction window under " + spillDirectory, e);
        } finally {
            if (window != null) {
                window.toFile().delete();
            }
        }
    }

    /**
     * The rows' inputs as CSV: numbers as the in-memory path reads them back (integral values without a fraction, so
     * that a column compared as categories shows 3 for 3.0, as there), a missing input as an empty cell.
     */
    private static void write(Path file, List<PredictionRow> rows, List<String> columns) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", columns.stream().map(EngineDrift::cell).toList()));
            out.write('\n');
            StringBuilder line = new StringBuilder();
            for (PredictionRow row : rows) {
                line.setLength(0);
                for (int i = 0; i < columns.size(); i++) {
                    if (i > 0) {
                        line.append(',');
                    }
                    Object value = row.inputs().get(columns.get(i));
                    if (value instanceof Number number) {
                        line.append(CalculatorDriftEvaluator.categoryText(number));
                    } else if (value != null) {
                        line.append(cell(value.toString()));
                    }
                }
                out.append(line).append('\n');
            }
        }
    }

    private static String cell(String text) {
        boolean quote = text.isEmpty() || text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
