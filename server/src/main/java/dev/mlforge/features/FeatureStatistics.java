package dev.mlforge.features;

import dev.mlforge.features.OnlineStore.OnlineRow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The statistics of the values one materialization wrote (the latest value of each entity key it moved online), per
 * feature: how many rows and nulls, the distinct values, and for numbers the minimum, maximum and mean.
 *
 * @param viewName    the view
 * @param viewVersion the view's version materialized
 * @param computedAt  when, epoch milliseconds
 * @param rows        the rows written
 * @param features    one entry per feature of the view, in order
 */
public record FeatureStatistics(String viewName, int viewVersion, long computedAt, long rows, List<Feature> features) {
    public FeatureStatistics {
        features = List.copyOf(features);
    }

    /**
     * One feature's statistics; {@code min}, {@code max} and {@code mean} are null for text and when every value is
     * null.
     */
    public record Feature(String name, String dtype, long count, long nulls, long distinct, Double min, Double max, Double mean) {}

    static FeatureStatistics of(FeatureView view, List<OnlineRow> rows, long now) {
        List<Feature> features = new ArrayList<>(view.features().size());
        for (FeatureField field : view.features()) {
            long nulls = 0;
            long numbers = 0;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            Set<Object> distinct = new HashSet<>();
            for (OnlineRow row : rows) {
                Object value = row.values().get(field.name());
                if (value == null) {
                    nulls++;
                    continue;
                }
                distinct.add(value instanceof Number number ? (Object) number.doubleValue() : value);
                if (value instanceof Number number) {
                    double x = number.doubleValue();
                    numbers++;
                    sum += x;
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
            }
            boolean numeric = numbers > 0;
            features.add(new Feature(field.name(), field.dtype(), rows.size() - nulls, nulls, distinct.size(),
                    numeric ? min : null, numeric ? max : null, numeric ? sum / numbers : null));
        }
        return new FeatureStatistics(view.name(), view.version(), now, rows.size(), features);
    }
}
