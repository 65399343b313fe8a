/**
 * The wire format of mlforge's pipeline API ({@code /api/v1/pipelines}): submitted runs with the state and outputs of
 * each step, cron schedules and drift-triggered retraining. Field names are snake_case, as the server writes them;
 * absent values are left out.
 */
package dev.mlforge.api.pipelines;
