package dev.mlforge.api.audit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One record of the audit trail: who did what to which resource, when, from where, how it ended, and its links in the
 * hash chain.
 *
 * @param seq           position in the chain, from 1, without gaps
 * @param timestampMs   when the request was answered, ms since the epoch
 * @param user          the caller's name ({@code anonymous} when unauthenticated)
 * @param authenticated true when the name was proven by credentials
 * @param action        HTTP method and route template, {@code POST /api/2.0/mlflow/experiments/create}
 * @param resource      identifiers acted on as {@code name=value} pairs joined by commas (commas, equals signs and
 *                      percent signs inside them percent-escaped); empty when the request named none
 * @param sourceAddress the client's address as the server saw it
 * @param status        the HTTP status answered
 * @param errorCode     the error code answered; absent on success
 * @param requestId     the request id, also answered in the {@code X-Request-ID} header
 * @param prevHash      the hash of the record before (64 zeros for the first)
 * @param hash          SHA-256 (hex) over the record's fields and {@code prevHash}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditRecord(
        @JsonProperty("seq") long seq,
        @JsonProperty("timestamp_ms") long timestampMs,
        @JsonProperty("user") String user,
        @JsonProperty("authenticated") boolean authenticated,
        @JsonProperty("action") String action,
        @JsonProperty("resource") String resource,
        @JsonProperty("source_address") String sourceAddress,
        @JsonProperty("status") int status,
        @JsonProperty("error_code") String errorCode,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("prev_hash") String prevHash,
        @JsonProperty("hash") String hash) {}
