/**
 * The wire format of mlforge's dataset API ({@code /api/v1/datasets}): content-addressed CSV versions with their
 * schema, row count and statistical profile. Field names are snake_case, as the server writes them.
 */
package dev.mlforge.api.datasets;
