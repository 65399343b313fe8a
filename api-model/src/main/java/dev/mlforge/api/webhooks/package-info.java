/**
 * The wire format of MLflow 3's model-registry webhooks ({@code /api/2.0/mlflow/webhooks}): webhooks, the events they
 * subscribe to, test results, and mlforge's delivery log. Field names are MLflow's proto (snake_case) names; enums
 * ({@code status}, an event's {@code entity} and {@code action}) are written by their proto names
 * ({@code ACTIVE}, {@code MODEL_VERSION}, {@code CREATED}). A webhook's secret is accepted, never written.
 */
package dev.mlforge.api.webhooks;
