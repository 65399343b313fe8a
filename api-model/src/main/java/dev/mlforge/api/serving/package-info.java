/**
 * The wire format of mlforge's deployment management API ({@code /api/v1/deployments...}): creating, reading,
 * changing and rolling back deployments, their traffic policies and history, and ground-truth feedback. Field names
 * are snake_case; absent optional fields are omitted from answers.
 */
package dev.mlforge.api.serving;
