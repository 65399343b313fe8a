package dev.mlforge.monitoring.drift;

import dev.mlforge.datasets.CsvDialect;
import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV file in the {@link CsvDialect} (the rules of dataset registration too) into a columnar
 * {@link DataTable} without per-row objects: bytes are scanned in a reusable buffer and numbers parsed straight from
 * them into {@code double[]}. A column is numerical when every non-missing value parses as a number; a column that
 * turns out to be text is collected as strings in a second pass over the file. Missing values are blank cells and
 * pandas' default NA tokens ("NA", "NaN", "null", "None", ...).
 */
public final class CsvTableReader {
    private CsvTableReader() {
    }

    /** As {@link #read(Path, String)}, naming the file by its path in messages (for a local command). */
    public static DataTable read(Path path) throws IOException {
        return read(path, path.toString());
    }

    /**
     * @param source names the file in messages (a server passes its artifact path, never the local file's)
     * @throws IOException when the file cannot be read
     * @throws dev.mlforge.http.MlforgeException when the file has no header, an empty or duplicate column name, a row
     *         whose width differs from the header's (naming its line) or an unterminated quoted field
     */
    public static DataTable read(Path path, String source) throws IOException {
        List<String> header;
        NumberPass numbers;
        try (InputStream in = Files.newInputStream(path)) {
            CsvScanner scanner = new CsvScanner(in, source);
            header = header(scanner, source);
            numbers = new NumberPass(header.size());
            while (scanner.nextRow(numbers)) {
                numbers.endRow(source, scanner.rowLine());
            }
        }
        String[][] texts = new String[header.size()][];
        if (numbers.hasTextColumns()) {
            texts = readTexts(path, source, header.size(), numbers);
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            columns.add(numbers.isText(c) ? new Column.Categories(header.get(c), texts[c])
                    : new Column.Numbers(header.get(c), numbers.values(c)));
        }
        return new DataTable(columns, numbers.rows());
    }

    /** Reads and validates the header row (the first row of the scanner). */
    static List<String> header(CsvScanner scanner, String source) throws IOException {
        List<String> rawHeader = new ArrayList<>();
        if (!scanner.nextRow((column, bytes, start, end, quoted) -> rawHeader.add(
                new String(bytes, start, end - start, StandardCharsets.UTF_8)))) {
            throw MlforgeException.invalidParameter("CSV " + source + " is empty: a header line is required");
        }
        return CsvDialect.header(rawHeader, source);
    }

    private static String[][] readTexts(Path path, String source, int columnCount, NumberPass numbers) throws IOException {
        String[][] texts = new String[columnCount][];
        for (int c = 0; c < columnCount; c++) {
            if (numbers.isText(c)) {
                texts[c] = new String[numbers.rows()];
            }
        }
        try (InputStream in = Files.newInputStream(path)) {
            CsvScanner scanner = new CsvScanner(in, source);
            scanner.nextRow((column, bytes, start, end, quoted) -> { });
            int[] row = {0};
            while (scanner.nextRow((column, bytes, start, end, quoted) -> {
                if (texts[column] != null) {
                    texts[column][row[0]] = CsvDialect.isMissing(bytes, start, end) ? null
                            : new String(bytes, start, end - start, StandardCharsets.UTF_8);
                }
            })) {
                row[0]++;
            }
        }
        return texts;
    }

    static boolean isMissing(byte[] bytes, int start, int end) {
        return CsvDialect.isMissing(bytes, start, end);
    }

    /** First pass: numbers per column, and which columns hold text. */
    private static final class NumberPass implements CsvScanner.FieldSink {
        private final double[][] values;
        private final boolean[] text;
        private final int columnCount;
        private int rows;
        private int fieldsInRow;
        private boolean anyText;

        NumberPass(int columnCount) {
            this.columnCount = columnCount;
            this.values = new double[columnCount][1024];
            this.text = new boolean[columnCount];
        }

        @Override
        public void field(int column, byte[] bytes, int start, int end, boolean quoted) {
            fieldsInRow = column + 1;
            if (column >= columnCount || text[column]) {
                return;
            }
            // numbers first: no NA token parses as a number, so the token lookup only runs for non-numbers
            double value = FastDoubleParser.parse(bytes, start, end);
            if (Double.isNaN(value) && !isMissing(bytes, start, end)) {
                text[column] = true;
                anyText = true;
                values[column] = null;
                return;
            }
            double[] columnValues = values[column];
            if (rows == columnValues.length) {
                columnValues = java.util.Arrays.copyOf(columnValues, columnValues.length + (columnValues.length >> 1));
                values[column] = columnValues;
            }
            columnValues[rows] = value;
        }

        void endRow(String source, long line) {
            if (fieldsInRow > columnCount) {
                throw CsvDialect.tooManyFields(source, line, columnCount);
            }
            if (fieldsInRow < columnCount) {
                throw CsvDialect.raggedRow(source, line, fieldsInRow, columnCount);
            }
            fieldsInRow = 0;
            rows++;
        }

        int rows() {
            return rows;
        }

        boolean hasTextColumns() {
            return anyText;
        }

        boolean isText(int column) {
            return text[column];
        }

        double[] values(int column) {
            return java.util.Arrays.copyOf(values[column], rows);
        }
    }
}
