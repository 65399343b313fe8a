package dev.mlforge.tracking;

import dev.mlforge.http.MlforgeException;
import java.util.Locale;

/** Which lifecycle stages a search returns. */
public enum ViewType {
    ACTIVE_ONLY, DELETED_ONLY, ALL;

    /** Parses MLflow's names (and the numeric proto values 1, 2, 3); null or blank means ACTIVE_ONLY. */
    static ViewType parse(String value, String field) {
        if (value == null || value.isBlank()) {
            return ACTIVE_ONLY;
        }
        switch (value.trim().toUpperCase(Locale.ROOT)) {
            case "ACTIVE_ONLY", "1": return ACTIVE_ONLY;
            case "DELETED_ONLY", "2": return DELETED_ONLY;
            case "ALL", "3": return ALL;
            default:
                throw MlforgeException.invalidParameter("Invalid value '" + value + "' for parameter '" + field
                        + "'. Valid values are ACTIVE_ONLY, DELETED_ONLY, ALL");
        }
    }

    /** The lifecycle stages this view includes. */
    java.util.List<String> stages() {
        return switch (this) {
            case ACTIVE_ONLY -> java.util.List.of("active");
            case DELETED_ONLY -> java.util.List.of("deleted");
            case ALL -> java.util.List.of("active", "deleted");
        };
    }
}
