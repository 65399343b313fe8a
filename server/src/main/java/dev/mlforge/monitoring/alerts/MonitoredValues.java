package dev.mlforge.monitoring.alerts;

import java.util.Set;
import java.util.regex.Pattern;

/** The names of the values a monitor run reports, which alert rules can watch. */
final class MonitoredValues {
    static final Set<String> FIXED = Set.of("drift_share", "dataset_drift", "drifted_columns",
            "accuracy", "precision", "recall", "f1", "roc_auc", "mae", "rmse");
    private static final Pattern PER_COLUMN = Pattern.compile("(column_drift|column_drift_score):.+");

    private MonitoredValues() {}

    static boolean isKnown(String metric) {
        return FIXED.contains(metric) || PER_COLUMN.matcher(metric).matches();
    }
}
