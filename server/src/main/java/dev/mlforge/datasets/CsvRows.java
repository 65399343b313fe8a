package dev.mlforge.datasets;

import dev.mlforge.http.MlforgeException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV table row by row with the rules every part of mlforge applies ({@link CsvDialect}): a header of distinct,
 * non-empty column names, blank lines skipped, every row exactly as wide as the header.
 */
final class CsvRows implements Closeable {
    private final Reader reader;
    private final CsvParser parser;
    private final String source;
    private final List<String> header;

    private CsvRows(Reader reader, String source, int maxColumns, String limitName) throws IOException {
        this.reader = reader;
        this.parser = new CsvParser(reader, source);
        this.source = source;
        parser.limitFields(maxColumns, "; at most " + maxColumns + " columns are allowed (" + limitName + ")");
        List<String> first = parser.next();
        if (first == null) {
            throw MlforgeException.invalidParameter("CSV " + source + " is empty: a header line is required");
        }
        // One hash set, not indexOf per column: a header of 50,000 names was quadratic (56 s to register).
        this.header = List.copyOf(CsvDialect.header(first, source));
        parser.limitFields(header.size(), ", the header has " + header.size());
    }

    /** Reads the header of {@code reader}, which this closes; {@code source} names the input in error messages. */
    static CsvRows open(Reader reader, String source) throws IOException {
        return open(reader, source, Integer.MAX_VALUE, "");
    }

    /**
     * As {@link #open(Reader, String)}, refusing a header of more than {@code maxColumns} columns before reading the rest
     * of it; {@code limitName} (the configuration key) ends the message.
     */
    static CsvRows open(Reader reader, String source, int maxColumns, String limitName) throws IOException {
        try {
            return new CsvRows(reader, source, maxColumns, limitName);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    List<String> header() {
        return header;
    }

    /** The next row's cells, or null after the last row. */
    List<String> next() throws IOException {
        for (List<String> row = parser.next(); row != null; row = parser.next()) {
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (row.size() != header.size()) {
                throw CsvDialect.raggedRow(source, parser.recordLine(), row.size(), header.size());
            }
            return row;
        }
        return null;
    }

    /** The remaining rows, with the header, in memory. */
    CsvTable readAll() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row = next(); row != null; row = next()) {
            rows.add(row);
        }
        return new CsvTable(header, rows);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
