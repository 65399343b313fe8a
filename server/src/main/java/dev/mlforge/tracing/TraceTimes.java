package dev.mlforge.tracing;

import dev.mlforge.http.MlforgeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Milliseconds to and from proto3 JSON timestamps ({@code 2026-12-03T20:23:35.076Z}) and durations ({@code 1.428s}),
 * written as protobuf's JSON printer writes them: no fraction when whole, else three digits.
 */
final class TraceTimes {
    private TraceTimes() {}

    static String timestamp(long millis) {
        Instant instant = Instant.ofEpochMilli(millis);
        String text = instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        long fraction = Math.floorMod(millis, 1000L);
        return fraction == 0 ? text : text.substring(0, text.length() - 1) + String.format(".%03dZ", fraction);
    }

    static String duration(long millis) {
        long seconds = millis / 1000;
        long fraction = Math.abs(millis % 1000);
        String sign = millis < 0 && seconds == 0 ? "-" : "";
        return fraction == 0 ? seconds + "s" : sign + seconds + String.format(".%03ds", fraction);
    }

    static Long parseTimestamp(String text, String field) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw MlforgeException.invalidParameter("Invalid value '" + text + "' for field '" + field
                    + "': expected an RFC 3339 timestamp");
        }
    }

    static Long parseDuration(String text, String field) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!text.matches("-?\\d{1,12}(\\.\\d{1,9})?s")) {
            throw MlforgeException.invalidParameter("Invalid value '" + text + "' for field '" + field
                    + "': expected a duration such as '1.5s'");
        }
        return new java.math.BigDecimal(text.substring(0, text.length() - 1)).movePointRight(3)
                .setScale(0, java.math.RoundingMode.DOWN).longValueExact();
    }
}
