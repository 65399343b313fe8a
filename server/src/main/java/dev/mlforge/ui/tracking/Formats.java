package dev.mlforge.ui.tracking;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the tracking pages write times, durations, numbers and query strings. */
final class Formats {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Formats() {}

    /** ISO-8601, for {@code <time datetime>}. */
    static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /** A readable UTC time. */
    static String shown(long epochMillis) {
        return SHOWN.format(Instant.ofEpochMilli(epochMillis));
    }

    static String duration(long startMillis, Long endMillis) {
        if (endMillis == null) {
            return "";
        }
        long millis = Math.max(0, endMillis - startMillis);
        if (millis < 1000) {
            return millis + " ms";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return seconds < 3600 ? (seconds / 60) + " min " + (seconds % 60) + " s" : (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    }

    /** A metric value, short: 4 significant digits, as MLflow's tables show. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.4g", value).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replaceFirst("\\.(e|$)", "$1");
    }

    static String query(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
