/**
 * The wire format of MLflow 3's trace API (REST API 3.0, with the 2.0 routes older clients use): trace infos, their
 * location, tags, metadata and assessments, and the request and response bodies that carry them. Field names are
 * MLflow's proto (snake_case) names; timestamps and durations are proto3 JSON strings ({@code 2026-01-01T00:00:00.5Z},
 * {@code 1.5s}); spans are OpenTelemetry spans in the JSON MLflow's server writes.
 */
package dev.mlforge.api.tracing;
