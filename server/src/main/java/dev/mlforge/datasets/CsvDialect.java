package dev.mlforge.datasets;

import dev.mlforge.http.MlforgeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one CSV dialect of mlforge, shared by the row reader of datasets, training and pipelines ({@link CsvRows}) and
 * the columnar byte scanner of drift reports and monitors: comma separated; a double quote opens a quoted field only
 * at the start of a field, {@code ""} inside it is a quote, and it may span lines (text after its closing quote is
 * kept); rows end at LF or CRLF; blank lines are skipped; a leading byte order mark is dropped; header names are
 * stripped, non-empty and distinct; every row has exactly as many fields as the header (else an error naming the
 * physical line); a cell is missing when blank or one of pandas' NA tokens, surrounding spaces ignored.
 */
public final class CsvDialect {
    public static final char SEPARATOR = ',';
    public static final char QUOTE = '"';

    /** pandas' {@code read_csv} default NA tokens, which datasets, drift reports and monitors all read as missing. */
    public static final Set<String> MISSING_TOKENS = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN",
            "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");
    private static final int LONGEST_TOKEN = MISSING_TOKENS.stream().mapToInt(String::length).max().orElse(0);

    private CsvDialect() {}

    /** True for a blank cell or one of the NA tokens (surrounding spaces ignored). */
    public static boolean isMissing(String cell) {
        return cell.isBlank() || MISSING_TOKENS.contains(cell.strip());
    }

    /** {@link #isMissing(String)} for the UTF-8 bytes {@code [start, end)}, allocating only for short candidates. */
    public static boolean isMissing(byte[] bytes, int start, int end) {
        while (start < end && isSpace(bytes[start])) {
            start++;
        }
        while (end > start && isSpace(bytes[end - 1])) {
            end--;
        }
        int length = end - start;
        return length == 0 || (length <= LONGEST_TOKEN && MISSING_TOKENS.contains(new String(bytes, start, length,
                StandardCharsets.UTF_8)));
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    /**
     * The header from the first record's raw fields: byte order mark dropped, names stripped; refused (naming
     * {@code source}) when a name is empty or repeated. One hash set, so a header of any width is checked in linear time.
     */
    public static List<String> header(List<String> rawNames, String source) {
        List<String> names = new ArrayList<>(rawNames.size());
        Set<String> seen = new HashSet<>(rawNames.size() * 2);
        for (int i = 0; i < rawNames.size(); i++) {
            String raw = rawNames.get(i);
            String name = (i == 0 && raw.startsWith("\uFEFF") ? raw.substring(1) : raw).strip();
            if (name.isEmpty()) {
                throw MlforgeException.invalidParameter("CSV " + source + ": column " + (i + 1) + " of the header has no name");
            }
            if (!seen.add(name)) {
                throw MlforgeException.invalidParameter("CSV " + source + ": duplicate column name '" + name + "'");
            }
            names.add(name);
        }
        return names;
    }

    /** A row whose width differs from the header's. */
    public static MlforgeException raggedRow(String source, long line, int fields, int headerSize) {
        return MlforgeException.invalidParameter("CSV " + source + ": line " + line + " has " + fields + " fields, the header has "
                + headerSize);
    }

    /** A row wider than the header, refused at its first extra field (the row reader stops reading it there). */
    public static MlforgeException tooManyFields(String source, long line, int headerSize) {
        return MlforgeException.invalidParameter("CSV " + source + ": line " + line + " has more than " + headerSize
                + " fields, the header has " + headerSize);
    }

    /** A quoted field still open at the end of the input. */
    public static MlforgeException unterminatedQuote(String source, long line) {
        return MlforgeException.invalidParameter("CSV " + source + ": unterminated quoted field starting on line " + line);
    }
}
