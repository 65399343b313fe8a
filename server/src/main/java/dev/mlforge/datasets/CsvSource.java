package dev.mlforge.datasets;

import java.util.List;
import java.util.function.Consumer;

/** A CSV table read row by row, as often as needed: held in memory ({@link CsvTable}) or streamed from disk ({@link CsvFile}). */
public interface CsvSource {
    List<String> columns();

    void forEachRow(Consumer<List<String>> action);
}
