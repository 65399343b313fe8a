/**
 * The wire format of mlforge's feature store ({@code /api/v1/features/apply}, {@code /api/v1/entities},
 * {@code /api/v1/feature-views}, {@code /api/v1/feature-services}) and of Feast's {@code /get-online-features}: the
 * definitions as users write them (with Feast's field names and aliases) and the requests that read features. Field
 * names are snake_case. The server reads these bodies field by field, with messages naming the definition and the
 * field; the records name the fields it accepts (a definition's unknown field is refused).
 */
package dev.mlforge.api.features;
