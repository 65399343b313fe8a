package dev.mlforge.monitoring.drift;

import dev.mlforge.datasets.CsvDialect;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits CSV bytes into fields row by row in the {@link CsvDialect}, handing each field to a sink as a slice of a
 * reusable buffer: the fast columnar path of drift reports and monitors. A quote opens a quoted field only at the
 * start of a field; quoted fields are unescaped in place ("" becomes ") and may span lines, and text after the closing
 * quote is kept; \n and \r\n end rows; blank lines are skipped; an unterminated quoted field is refused.
 */
final class CsvScanner {
    /** Receives the fields of one row, in order. */
    interface FieldSink {
        void field(int column, byte[] bytes, int start, int end, boolean quoted);
    }

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final InputStream in;
    private final String source;
    private byte[] buffer = new byte[1 << 20];
    private int position;
    private int limit;
    private boolean eof;
    private long line = 1;
    private long rowLine;

    /** @param source names the input in error messages */
    CsvScanner(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** Parses the next non-blank row into the sink; false at the end of the input. */
    boolean nextRow(FieldSink sink) throws IOException {
        while (true) {
            rowLine = line;
            int rowEnd = findRowEnd();
            if (rowEnd < 0) {
                return false;
            }
            int start = position;
            int contentEnd = rowEnd;
            if (contentEnd > start && buffer[contentEnd - 1] == '\r') {
                contentEnd--;
            }
            position = rowEnd < limit ? rowEnd + 1 : rowEnd;
            if (contentEnd == start) {
                continue;
            }
            parseFields(start, contentEnd, sink);
            return true;
        }
    }

    /** The physical line (1 for the first) on which the row last returned by {@link #nextRow} starts. */
    long rowLine() {
        return rowLine;
    }

    /**
     * Index of the newline ending the row starting at position (or limit at end of input); -1 if no row left. Counts
     * the physical lines it passes, those inside quoted fields included.
     */
    private int findRowEnd() throws IOException {
        int scanned = position;
        int state = FIELD_START;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    line++;
                    if (state != QUOTED) {
                        return i;
                    }
                } else if (state == FIELD_START) {
                    state = b == '"' ? QUOTED : b == ',' ? FIELD_START : UNQUOTED;
                } else if (state == UNQUOTED) {
                    state = b == ',' ? FIELD_START : UNQUOTED;
                } else if (state == QUOTED) {
                    state = b == '"' ? QUOTE_IN_QUOTED : QUOTED;
                } else {
                    state = b == '"' ? QUOTED : b == ',' ? FIELD_START : UNQUOTED;
                }
            }
            int consumed = limit - position;
            if (eof) {
                if (state == QUOTED && consumed > 0) {
                    throw CsvDialect.unterminatedQuote(source, rowLine);
                }
                return consumed == 0 ? -1 : limit;
            }
            scanned = limit - position;
            fill();
            scanned += position;
            if (eof && limit == position) {
                return -1;
            }
        }
    }

    private void fill() throws IOException {
        int remaining = limit - position;
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, remaining);
        } else if (remaining == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        position = 0;
        limit = remaining;
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            eof = true;
        } else {
            limit += read;
        }
    }

    private void parseFields(int start, int end, FieldSink sink) {
        int column = 0;
        int i = start;
        while (true) {
            if (i < end && buffer[i] == '"') {
                int write = i + 1;
                int read = i + 1;
                int fieldStart = write;
                while (read < end) {
                    if (buffer[read] == '"') {
                        if (read + 1 < end && buffer[read + 1] == '"') {
                            buffer[write++] = '"';
                            read += 2;
                            continue;
                        }
                        read++;
                        break;
                    }
                    buffer[write++] = buffer[read++];
                }
                while (read < end && buffer[read] != ',') {
                    buffer[write++] = buffer[read++]; // text after the closing quote is kept, as the row reader keeps it
                }
                sink.field(column++, buffer, fieldStart, write, true);
                if (read >= end) {
                    return;
                }
                i = read + 1;
            } else {
                int fieldEnd = i;
                while (fieldEnd < end && buffer[fieldEnd] != ',') {
                    fieldEnd++;
                }
                sink.field(column++, buffer, i, fieldEnd, false);
                if (fieldEnd >= end) {
                    return;
                }
                i = fieldEnd + 1;
            }
        }
    }
}
