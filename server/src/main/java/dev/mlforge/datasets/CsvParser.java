package dev.mlforge.datasets;

import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records of fields, one record at a time, in the {@link CsvDialect}: comma separated, double-quote
 * quoting at the start of a field, CRLF or LF line ends (a lone CR is data), a leading byte order mark skipped. Reads through its own buffer, so a file of any size streams.
 */
final class CsvParser {
    private final Reader reader;
    private final String source;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private int line = 1;
    private int recordLine;
    private boolean started;
    private int maxFields = Integer.MAX_VALUE;
    private String limitReason = "";

    CsvParser(Reader reader, String source) {
        this.reader = reader;
        this.source = source;
    }

    /**
     * From now on, a record with more than {@code limit} fields is refused as soon as its field {@code limit + 1}
     * starts, so that one enormous line is never held in memory; {@code reason} ends the message.
     */
    void limitFields(int limit, String reason) {
        this.maxFields = limit;
        this.limitReason = reason;
    }

    /** The next record's fields, or null at the end of the input. */
    List<String> next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                position++;
            }
        }
        if (peek() < 0) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int c = read(); c >= 0; c = read()) {
            if (c == '"' && field.isEmpty()) {
                quoted(field);
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                if (fields.size() >= maxFields) {
                    throw MlforgeException.invalidParameter("CSV " + source + ": line " + recordLine + " has more than "
                            + maxFields + " fields" + limitReason);
                }
            } else if (c == '\n' || (c == '\r' && peek() == '\n')) {
                if (c == '\r') {
                    position++;
                }
                line++;
                break;
            } else {
                field.append((char) c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** The line on which the record last returned by {@link #next()} starts (1 for the first). */
    int recordLine() {
        return recordLine;
    }

    private void quoted(StringBuilder field) throws IOException {
        int startLine = line;
        for (int c = read(); c >= 0; c = read()) {
            if (c == '"') {
                if (peek() != '"') {
                    return;
                }
                field.append('"');
                position++;
            } else {
                if (c == '\n') {
                    line++;
                }
                field.append((char) c);
            }
        }
        throw CsvDialect.unterminatedQuote(source, startLine);
    }

    private int peek() throws IOException {
        if (position == limit) {
            int read = reader.read(buffer, 0, buffer.length);
            position = 0;
            limit = Math.max(read, 0);
            if (read <= 0) {
                return -1;
            }
        }
        return buffer[position];
    }

    private int read() throws IOException {
        int c = peek();
        if (c >= 0) {
            position++;
        }
        return c;
    }
}
