package dev.mlforge.audit;

import dev.mlforge.http.MlforgeException;
import java.util.regex.Pattern;

/**
 * An outcome filter of the audit listing: {@code success} (status below 400), {@code failure} (400 and up), one HTTP
 * status ({@code 403}) or one error code ({@code PERMISSION_DENIED}).
 */
public sealed interface Outcome {
    Pattern STATUS = Pattern.compile("[1-5][0-9][0-9]");
    Pattern ERROR_CODE = Pattern.compile("[A-Z][A-Z_]{1,63}");

    record Success() implements Outcome {}

    record Failure() implements Outcome {}

    record Status(int status) implements Outcome {}

    record Code(String code) implements Outcome {}

    /** The outcome {@code text} names, or null for null; refuses anything else with INVALID_PARAMETER_VALUE. */
    static Outcome parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.equalsIgnoreCase("success")) {
            return new Success();
        }
        if (text.equalsIgnoreCase("failure")) {
            return new Failure();
        }
        if (STATUS.matcher(text).matches()) {
            return new Status(Integer.parseInt(text));
        }
        if (ERROR_CODE.matcher(text).matches()) {
            return new Code(text);
        }
        throw MlforgeException.invalidParameter("Invalid value '" + text + "' for parameter 'outcome': use success, "
                + "failure, an HTTP status (403) or an error code (PERMISSION_DENIED)");
    }
}
