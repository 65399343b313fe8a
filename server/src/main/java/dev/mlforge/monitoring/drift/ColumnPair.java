package dev.mlforge.monitoring.drift;

/**
 * One column of the reference and of the current data, however they are held (arrays in memory, or a table in a
 * columnar engine): what {@link ColumnComparison} needs to compare them.
 */
interface ColumnPair {
    String name();

    DriftColumnKind referenceType();

    DriftColumnKind currentType();

    long referenceRows();

    long currentRows();

    /** Missing values in the reference: NaN or absent numbers, absent categories. */
    long referenceMissing();

    long currentMissing();

    /** Both sides as sorted runs of finite numbers; only when both sides are numerical. */
    Samples.Numbers numbers();

    /** Both sides as category counts, numbers labelled by {@link NumberFormat#compact}; missing values left out. */
    Samples.Categories categories();

    /** The pair of two in-memory columns. */
    static ColumnPair of(Column reference, Column current) {
        return new InMemory(reference, current);
    }

    /** Columns held as arrays. */
    record InMemory(Column reference, Column current) implements ColumnPair {
        @Override
        public String name() {
            return reference.name();
        }

        @Override
        public DriftColumnKind referenceType() {
            return reference.type();
        }

        @Override
        public DriftColumnKind currentType() {
            return current.type();
        }

        @Override
        public long referenceRows() {
            return reference.size();
        }

        @Override
        public long currentRows() {
            return current.size();
        }

        @Override
        public long referenceMissing() {
            return missing(reference);
        }

        @Override
        public long currentMissing() {
            return missing(current);
        }

        @Override
        public Samples.Numbers numbers() {
            return Samples.Numbers.of(((Column.Numbers) reference).values(), ((Column.Numbers) current).values());
        }

        @Override
        public Samples.Categories categories() {
            return Samples.Categories.of(asCategories(reference).values(), asCategories(current).values());
        }

        private static Column.Categories asCategories(Column column) {
            return column instanceof Column.Numbers numbers ? Column.Categories.of(numbers) : (Column.Categories) column;
        }

        private static long missing(Column column) {
            long count = 0;
            if (column instanceof Column.Numbers numbers) {
                for (double value : numbers.values()) {
                    if (Double.isNaN(value)) {
                        count++;
                    }
                }
            } else {
                for (String value : ((Column.Categories) column).values()) {
                    if (value == null) {
                        count++;
                    }
                }
            }
            return count;
        }
    }
}
