package dev.mlforge.search;

/** One order-by item such as {@code metrics.rmse DESC}, validated against its entity's {@link SearchEntity table}. */
public record OrderClause(EntityType type, String key, boolean ascending) {

    public boolean isAttribute(String attribute) {
        return type == EntityType.ATTRIBUTE && key.equals(attribute);
    }
}
