package dev.mlforge.features;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Event times as {@link Instant#toString()} writes them ({@code 2024-01-01T00:00:00Z}, {@code .123} when the
 * milliseconds are not zero), for the online answer: written into one char array instead of through
 * {@code DateTimeFormatter}, whose builder and temporaries were a share of a lookup's allocations.
 */
final class Timestamps {
    /** 10000-01-01T00:00:00Z: from there on the year gets a sign and more digits, which {@link Instant} writes. */
    private static final long YEAR_10000_MILLIS = 253_402_300_800_000L;

    private Timestamps() {}

    static String iso(long epochMillis) {
        if (epochMillis < 0 || epochMillis >= YEAR_10000_MILLIS) {
            return Instant.ofEpochMilli(epochMillis).toString();
        }
        long seconds = epochMillis / 1000;
        int millis = (int) (epochMillis % 1000);
        LocalDate date = LocalDate.ofEpochDay(seconds / 86_400);
        int secondOfDay = (int) (seconds % 86_400);
        char[] text = new char[millis == 0 ? 20 : 24];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        if (millis != 0) {
            text[19] = '.';
            digits(text, 20, millis, 3);
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
