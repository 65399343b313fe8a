package dev.mlforge.monitoring.drift;

/** One column of a table, stored as a primitive or string array (one entry per row). */
public sealed interface Column permits Column.Numbers, Column.Categories {
    String name();

    int size();

    DriftColumnKind type();

    /**
     * A numerical column; missing values are NaN, infinities are kept (and excluded from tests).
     *
     * @param name the column name
     * @param values one value per row
     */
    record Numbers(String name, double[] values) implements Column {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public DriftColumnKind type() {
            return DriftColumnKind.NUMERICAL;
        }
    }

    /**
     * A categorical column; missing values are null.
     *
     * @param name the column name
     * @param values one value per row
     */
    record Categories(String name, String[] values) implements Column {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public DriftColumnKind type() {
            return DriftColumnKind.CATEGORICAL;
        }

        /** A numerical column seen as categories (labels as {@link NumberFormat#compact}), missing stays missing. */
        static Categories of(Numbers numbers) {
            String[] values = new String[numbers.size()];
            for (int i = 0; i < values.length; i++) {
                double value = numbers.values()[i];
                values[i] = Double.isNaN(value) ? null : NumberFormat.compact(value);
            }
            return new Categories(numbers.name(), values);
        }
    }
}
