package dev.mlforge.serving;

import java.util.ArrayList;
import java.util.List;

/**
 * The loaded models behind a deployment at one moment; replaced as a whole when the policy changes, so a request
 * sees either the old set or the new one. {@code canary} and {@code shadow} are null when the policy has none.
 */
record ActiveModels(Deployment deployment, ServedModel primary, ServedModel canary, ServedModel shadow) {

    List<ServedModel> all() {
        List<ServedModel> models = new ArrayList<>(3);
        for (ServedModel model : new ServedModel[] {primary, canary, shadow}) {
            if (model != null && !models.contains(model)) {
                models.add(model);
            }
        }
        return models;
    }

    /** The loaded model with version label {@code version}, or null. */
    ServedModel byVersion(String version) {
        return all().stream().filter(model -> model.version().equals(version)).findFirst().orElse(null);
    }

    /** The model serving {@code role} ({@code primary}, {@code canary}, {@code shadow}), or null. */
    ServedModel role(String role) {
        return switch (role) {
            case "primary" -> primary;
            case "canary" -> canary;
            case "shadow" -> shadow;
            default -> null;
        };
    }
}
