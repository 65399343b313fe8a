package dev.mlforge.api.audit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code GET /api/v1/audit/verify} (and of {@code mlforge audit verify --json}): whether the chain is
 * intact from its first record to its stored head.
 *
 * @param valid          true when every record links to the one before it and matches its hash, and the chain
 *                       ends at its stored head
 * @param recordsChecked how many records were read before the verdict
 * @param firstBadSeq    the seq of the first record found edited, missing or out of place; absent when valid
 * @param reason         what was found there; absent when valid
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VerifyAuditResponse(
        @JsonProperty("valid") boolean valid,
        @JsonProperty("records_checked") long recordsChecked,
        @JsonProperty("first_bad_seq") Long firstBadSeq,
        @JsonProperty("reason") String reason) {}
