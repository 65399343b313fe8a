package dev.mlforge.config;

import java.util.regex.Pattern;

/**
 * Text about a configured value with its secrets cut, for errors and logs: the password of a URI's user info
 * ({@code postgresql://user:***@host/db}) and password-like query parameters ({@code ?password=***}). Works on text
 * that is not a valid URI too, since that is the text an error quotes.
 */
public final class SecretText {
    private static final String MASK = "***";
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)((?:^|[?&;])[\\w.-]*(?:pass|pwd|secret|token)[\\w.-]*=)[^&;#]*");

    private SecretText() {}

    /** {@code uri} with the password of its user info and of its query parameters replaced by {@code ***}. */
    public static String redactedUri(String uri) {
        if (uri == null) {
            return null;
        }
        String text = uri;
        int authority = text.indexOf("://");
        if (authority >= 0) {
            int start = authority + 3;
            int at = text.lastIndexOf('@');
            // sqlite:///path has no authority: an '@' in its path is no user info
            if (at > start && text.charAt(start) != '/') {
                int colon = text.indexOf(':', start);
                if (colon >= 0 && colon < at) {
                    text = text.substring(0, colon + 1) + MASK + text.substring(at);
                }
            }
        }
        return PASSWORD_PARAMETER.matcher(text).replaceAll("$1" + MASK);
    }
}
