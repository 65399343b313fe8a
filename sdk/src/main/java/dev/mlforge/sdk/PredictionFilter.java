package dev.mlforge.sdk;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which logged predictions {@link DeploymentsClient#predictions} and {@link DeploymentsClient#exportPredictions}
 * read; every field may be null (no filter, the server's default page size, the first page).
 *
 * @param startTime the oldest answer time included
 * @param endTime the answer time from which answers are excluded
 * @param version only this model version's answers
 * @param shadow true for shadow answers only, false for the answers callers got only
 * @param maxResults at most this many (the server allows up to 10,000 per JSON page, 50,000 per export)
 * @param pageToken the {@code next_page_token} of the previous page
 */
public record PredictionFilter(Instant startTime, Instant endTime, String version, Boolean shadow, Integer maxResults,
        String pageToken) {
    /**
     * No filter: the newest page of every answer.
     *
     * @return the filter
     */
    public static PredictionFilter all() {
        return new PredictionFilter(null, null, null, null, null, null);
    }

    Map<String, Object> query() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("start_time", startTime == null ? null : startTime.toEpochMilli());
        query.put("end_time", endTime == null ? null : endTime.toEpochMilli());
        query.put("version", version);
        query.put("shadow", shadow);
        query.put("max_results", maxResults);
        query.put("page_token", pageToken);
        return query;
    }
}
