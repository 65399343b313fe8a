package dev.mlforge.monitoring.drift;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits CSV bytes into fields row by row, handing each field to a sink as a slice of a reusable buffer. Quoted
 * fields are unescaped in place ("" becomes ") and may span lines; \n and \r\n end rows; blank lines are skipped.
 */
final class CsvScanner {
    /** Receives the fields of one row, in order. */
    interface FieldSink {
        void field(int column, byte[] bytes, int start, int end, boolean quoted);
    }

    private final InputStream in;
    private byte[] buffer = new byte[1 << 20];
    private int position;
    private int limit;
    private boolean eof;

    CsvScanner(InputStream in) {
        this.in = in;
    }

    /** Parses the next non-blank row into the sink; false at the end of the input. */
    boolean nextRow(FieldSink sink) throws IOException {
        while (true) {
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

    /** Index of the newline ending the row starting at position (or limit at end of input); -1 if no row left. */
    private int findRowEnd() throws IOException {
        int scanned = position;
        boolean inQuotes = false;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                byte b = buffer[i];
                if (b == '"') {
                    inQuotes = !inQuotes;
                } else if (b == '\n' && !inQuotes) {
                    return i;
                }
            }
            int consumed = limit - position;
            if (eof) {
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
                sink.field(column++, buffer, fieldStart, write, true);
                while (read < end && buffer[read] != ',') {
                    read++;
                }
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
