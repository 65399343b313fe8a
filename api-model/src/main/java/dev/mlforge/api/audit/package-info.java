/**
 * The wire format of mlforge's audit API ({@code /api/v1/audit}): the hash-chained records of every state-changing
 * or refused request, and the answer of a chain verification. Field names are snake_case, as the server writes them.
 */
package dev.mlforge.api.audit;
