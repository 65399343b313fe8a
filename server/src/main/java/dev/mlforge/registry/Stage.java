package dev.mlforge.registry;

import dev.mlforge.http.MlforgeException;

/** The deprecated but still used MLflow model stages; matched case-insensitively, written in canonical case. */
public enum Stage {
    NONE("None"),
    STAGING("Staging"),
    PRODUCTION("Production"),
    ARCHIVED("Archived");

    private final String canonical;

    Stage(String canonical) {
        this.canonical = canonical;
    }

    public String canonical() {
        return canonical;
    }

    /** The stage named {@code name} in any case; INVALID_PARAMETER_VALUE for anything else. */
    public static Stage parse(String name) {
        for (Stage stage : values()) {
            if (stage.canonical.equalsIgnoreCase(name)) {
                return stage;
            }
        }
        throw MlforgeException.invalidParameter("Invalid Model Version stage: " + name
                + ". Value must be one of None, Staging, Production, Archived.");
    }

    /** True when {@code name} names a stage (used to tell {@code models:/m/Production} from a version number). */
    static boolean isStage(String name) {
        for (Stage stage : values()) {
            if (stage.canonical.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
