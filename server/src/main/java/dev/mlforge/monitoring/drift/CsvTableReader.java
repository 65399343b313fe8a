package dev.mlforge.monitoring.drift;

import dev.mlforge.datasets.DatasetProfiler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a CSV file (header row, comma separated, RFC 4180 quotes) into a columnar {@link DataTable} without per-row
 * objects: bytes are scanned in a reusable buffer and numbers parsed straight from them into {@code double[]}. A
 * column is numerical when every non-missing value parses as a number; a column that turns out to be text is
 * collected as strings in a second pass over the file. Missing values are pandas' default NA tokens ("", "NA",
 * "NaN", "null", "None", ...).
 */
public final class CsvTableReader {
    private static final Set<String> MISSING = DatasetProfiler.MISSING_TOKENS;

    private CsvTableReader() {
    }

    /**
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the file has no header, a duplicate column or a row with too many fields
     */
    public static DataTable read(Path path) throws IOException {
        List<String> header = new ArrayList<>();
        NumberPass numbers;
        try (InputStream in = Files.newInputStream(path)) {
            CsvScanner scanner = new CsvScanner(in);
            if (!scanner.nextRow((column, bytes, start, end, quoted) -> header.add(
                    new String(bytes, start, end - start, StandardCharsets.UTF_8)))) {
                throw new IllegalArgumentException(path + " is empty: a header row is expected");
            }
            checkHeader(path, header);
            numbers = new NumberPass(header.size());
            int line = 1;
            while (scanner.nextRow(numbers)) {
                line++;
                numbers.endRow(path, line);
            }
        }
        String[][] texts = new String[header.size()][];
        if (numbers.hasTextColumns()) {
            texts = readTexts(path, header.size(), numbers);
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            columns.add(numbers.isText(c) ? new Column.Categories(header.get(c), texts[c])
                    : new Column.Numbers(header.get(c), numbers.values(c)));
        }
        return new DataTable(columns, numbers.rows());
    }

    private static void checkHeader(Path path, List<String> header) {
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            header.set(0, header.get(0).substring(1));
        }
        Set<String> seen = new HashSet<>();
        for (String name : header) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException(path + ": duplicate column name '" + name + "'");
            }
        }
    }

    private static String[][] readTexts(Path path, int columnCount, NumberPass numbers) throws IOException {
        String[][] texts = new String[columnCount][];
        for (int c = 0; c < columnCount; c++) {
            if (numbers.isText(c)) {
                texts[c] = new String[numbers.rows()];
            }
        }
        try (InputStream in = Files.newInputStream(path)) {
            CsvScanner scanner = new CsvScanner(in);
            scanner.nextRow((column, bytes, start, end, quoted) -> { });
            int[] row = {0};
            while (scanner.nextRow((column, bytes, start, end, quoted) -> {
                if (texts[column] != null) {
                    String value = new String(bytes, start, end - start, StandardCharsets.UTF_8);
                    texts[column][row[0]] = MISSING.contains(value) ? null : value;
                }
            })) {
                row[0]++;
            }
        }
        return texts;
    }

    static boolean isMissing(byte[] bytes, int start, int end) {
        int length = end - start;
        if (length == 0) {
            return true;
        }
        if (length > 8) {
            return false;
        }
        return MISSING.contains(new String(bytes, start, length, StandardCharsets.ISO_8859_1));
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

        void endRow(Path path, int line) {
            if (fieldsInRow > columnCount) {
                throw new IllegalArgumentException(path + " line " + line + ": " + fieldsInRow
                        + " fields but the header has " + columnCount);
            }
            for (int c = fieldsInRow; c < columnCount; c++) {
                field(c, new byte[0], 0, 0, false);
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
