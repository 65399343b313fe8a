package dev.mlforge.api.audit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/audit}: matching records, newest first.
 *
 * @param records       the page of records
 * @param nextPageToken pass as {@code page_token} for the next (older) page; absent on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListAuditRecordsResponse(
        @JsonProperty("records") List<AuditRecord> records,
        @JsonProperty("next_page_token") String nextPageToken) {}
