package dev.mlforge.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The text checks every file path a request names goes through before it meets the file system (artifact paths,
 * files of pipelines submitted over HTTP): the path and each of up to four rounds of its percent-decoding (so
 * {@code %252e%252e} counts as {@code ..}) must hold no NUL or control character, lone surrogate, backslash, drive
 * letter or encoded separator; each caller adds its own rules for {@code ..} and absolute paths. Where the path then
 * resolves is checked by the caller against its root.
 */
public final class RequestPathText {
    /** The longest path accepted, in characters. */
    public static final int MAX_LENGTH = 4096;
    private static final int MAX_DECODE_ROUNDS = 4;
    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");
    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:");

    /** A caller's own rule, applied to the path as sent and to each decoded form of it. */
    @FunctionalInterface
    public interface Rule {
        /** Why {@code form} (the path as sent, or a decoded form of it when {@code decoded}) is refused; null if not. */
        String refusal(String form, boolean decoded);
    }

    private RequestPathText() {}

    /** Why {@code path} is refused, in words for an error message ("it contains a backslash"); null when it is not. */
    public static String refusal(String path, Rule rule) {
        if (path.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        String form = path;
        for (int round = 0; ; round++) {
            boolean decoded = round > 0;
            String refusal = commonRefusal(path, form, decoded);
            if (refusal == null) {
                refusal = rule.refusal(form, decoded);
            }
            if (refusal != null || round == MAX_DECODE_ROUNDS || !PERCENT_ESCAPE.matcher(form).find()) {
                return refusal;
            }
            form = percentDecode(form);
        }
    }

    /** The path as it may appear in a message: control characters and surrogates spelled out, very long paths cut. */
    public static String printable(String path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.length() && i < 300; i++) {
            char c = path.charAt(i);
            out.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return path.length() > 300 ? out + "..." : out.toString();
    }

    private static String commonRefusal(String original, String form, boolean decoded) {
        String how = decoded ? " (percent-encoded)" : "";
        for (int i = 0; i < form.length(); i++) {
            char c = form.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "it contains a NUL or control character" + how;
            }
            if (Character.isHighSurrogate(c) && i + 1 < form.length() && Character.isLowSurrogate(form.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "it contains a lone surrogate (not valid Unicode)" + how;
            }
            if (c == '\\') {
                return "it contains a backslash" + how;
            }
        }
        if (DRIVE_LETTER.matcher(form).find()) {
            return "drive letters are not allowed" + how;
        }
        if (decoded && (count(form, '/') != count(original, '/') || form.startsWith("/") != original.startsWith("/"))) {
            return "encoded path separators are not allowed";
        }
        return null;
    }

    private static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int count(String text, char wanted) {
        return (int) text.chars().filter(c -> c == wanted).count();
    }
}
