package dev.mlforge.monitoring.performance;

/** What a model predicts, which decides the quality metrics computed from its feedback labels. */
public enum Task {
    CLASSIFICATION, REGRESSION;

    public static Task parse(String text) {
        for (Task task : values()) {
            if (task.name().equalsIgnoreCase(text)) {
                return task;
            }
        }
        throw new IllegalArgumentException("unknown task " + text);
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
