/**
 * The wire format of MLflow's tracking API (REST API 2.0): experiments, runs, metrics, params, tags,
 * dataset inputs and the request and response bodies that carry them. Field names are MLflow's proto
 * (snake_case) names; int64 values are {@code Long} and accept JSON numbers or numeric strings.
 */
package dev.mlforge.api.tracking;
