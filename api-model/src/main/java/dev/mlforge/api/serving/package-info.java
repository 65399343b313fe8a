/**
 * The wire format of mlforge's deployment management API ({@code /api/v1/deployments...}): creating, reading,
 * changing and rolling back deployments, their traffic policies and history, and ground-truth feedback; and the
 * answers of the Open Inference Protocol ({@code /v2...}) and of MLflow scoring ({@code .../invocations}). Field
 * names are snake_case; absent optional fields are omitted from deployment answers.
 */
package dev.mlforge.api.serving;
