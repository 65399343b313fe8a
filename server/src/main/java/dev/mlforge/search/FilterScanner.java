package dev.mlforge.search;

import dev.mlforge.http.MlforgeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the tokens of MLflow's filter grammar from left to right: identifiers, keys (bare, or quoted with backticks
 * or double quotes), comparators, and values (quoted strings with {@code ''} escaping, numbers, parenthesised lists).
 * It knows nothing of entities; {@link SearchFilterParser} validates what it reads.
 */
final class FilterScanner {
    private static final List<String> SYMBOLS = List.of("!=", "<>", ">=", "<=", "=", ">", "<");

    private final String text;
    private int position;

    FilterScanner(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    /** A bare word where a value belongs, kept only to report it in an error message. */
    record UnquotedToken(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Letters, digits and underscores: the part of an identifier before its dot. */
    String head() {
        int start = position;
        while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            position++;
        }
        return text.substring(start, position);
    }

    /** Consumes a dot if one comes next. */
    boolean dot() {
        if (!atEnd() && peek() == '.') {
            position++;
            return true;
        }
        return false;
    }

    /** The key after {@code type.}: quoted with backticks or double quotes, or up to a space or an operator. */
    String key() {
        if (atEnd()) {
            throw invalidFilter();
        }
        char quote = peek();
        if (quote == '`' || quote == '"') {
            int end = text.indexOf(quote, position + 1);
            if (end < 0) {
                throw invalidFilter();
            }
            String key = text.substring(position + 1, end);
            position = end + 1;
            return key;
        }
        int start = position;
        while (!atEnd() && !Character.isWhitespace(peek()) && "=!<>()'\"".indexOf(peek()) < 0) {
            position++;
        }
        if (start == position) {
            throw invalidFilter();
        }
        return text.substring(start, position);
    }

    /** An upper-case comparator; {@code <>} reads as {@code !=}. */
    String comparator() {
        if (atEnd()) {
            throw invalidFilter();
        }
        for (String symbol : SYMBOLS) {
            if (text.startsWith(symbol, position)) {
                position += symbol.length();
                return symbol.equals("<>") ? "!=" : symbol;
            }
        }
        String word = word().toUpperCase(Locale.ROOT);
        if (word.equals("NOT")) {
            skipSpaces();
            String next = word().toUpperCase(Locale.ROOT);
            if (next.equals("IN")) {
                return "NOT IN";
            }
            throw invalidComparator("NOT " + next);
        }
        if (word.equals("LIKE") || word.equals("ILIKE") || word.equals("IN")) {
            return word;
        }
        throw invalidComparator(word);
    }

    private MlforgeException invalidComparator(String word) {
        return MlforgeException.invalidParameter("Invalid comparator '" + word + "' not one of '"
                + SearchEntity.SET_COMPARATORS + "' in filter '" + text + "'");
    }

    /**
     * A value: a {@code String} (quoted), a {@code Double}, a {@code List} of strings and doubles (parenthesised), or
     * an {@link UnquotedToken} for a bare word.
     */
    Object value() {
        if (atEnd()) {
            throw invalidFilter();
        }
        char first = peek();
        if (first == '\'' || first == '"') {
            return quoted();
        }
        if (first == '(') {
            return list();
        }
        return bare(false);
    }

    private Object bare(boolean inList) {
        int start = position;
        while (!atEnd() && !Character.isWhitespace(peek()) && !(inList && (peek() == ',' || peek() == ')'))) {
            position++;
        }
        String token = text.substring(start, position);
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            return new UnquotedToken(token);
        }
    }

    private String quoted() {
        char quote = peek();
        StringBuilder value = new StringBuilder();
        position++;
        while (!atEnd()) {
            char c = peek();
            position++;
            if (c == quote) {
                if (!atEnd() && peek() == quote) {
                    value.append(quote);
                    position++;
                    continue;
                }
                return value.toString();
            }
            value.append(c);
        }
        throw invalidFilter();
    }

    private List<Object> list() {
        position++;
        List<Object> values = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (atEnd()) {
                throw invalidFilter();
            }
            char c = peek();
            values.add(c == '\'' || c == '"' ? quoted() : bare(true));
            skipSpaces();
            if (atEnd()) {
                throw invalidFilter();
            }
            if (peek() == ')') {
                position++;
                return values;
            }
            if (peek() != ',') {
                throw invalidFilter();
            }
            position++;
        }
    }

    /** Consumes the AND between two clauses; OR gets MLflow's own message. */
    void and() {
        String word = word();
        if (word.equalsIgnoreCase("OR")) {
            throw MlforgeException.invalidParameter("Invalid clause(s) in filter string: '" + text
                    + "'. Search filter contained OR, which is not supported.");
        }
        if (!word.equalsIgnoreCase("AND")) {
            throw invalidFilter();
        }
    }

    String word() {
        int start = position;
        while (!atEnd() && Character.isLetter(peek())) {
            position++;
        }
        return text.substring(start, position);
    }

    MlforgeException invalidFilter() {
        return MlforgeException.invalidParameter("Invalid filter '" + text + "'. Could not be parsed.");
    }

    void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            position++;
        }
    }

    boolean atEnd() {
        return position >= text.length();
    }

    private char peek() {
        return text.charAt(position);
    }
}
