/**
 * The wire format of mlforge's monitoring API ({@code /api/v1/monitors...}, {@code /api/v1/alert-rules...},
 * {@code /api/v1/alerts...}), of alert webhooks, and of {@code mlforge drift --format json}. Field names are
 * snake_case; absent optional fields are omitted from answers; instants are ISO-8601 strings in UTC.
 */
package dev.mlforge.api.monitoring;
