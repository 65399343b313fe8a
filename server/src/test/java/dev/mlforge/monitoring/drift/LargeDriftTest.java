package dev.mlforge.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The large-data path gives exactly the in-memory report, on CSV and on Parquet inputs. */
class LargeDriftTest {
    private static final String[] MISSING = {"", "NA", "NaN", " null ", "n/a", "None", "#N/A"};
    private static final String[] CITIES = {"Paris", "Berlin", "Madrid", "Rome", "\"Oslo, NO\"", " Lyon"};

    @TempDir
    Path folder;

    private Path referenceCsv;
    private Path currentCsv;

    @BeforeEach
    void write_random_csv_files_with_ties_missing_values_and_type_changes() {
        referenceCsv = folder.resolve("reference.csv");
        currentCsv = folder.resolve("current.csv");
        EngineFiles.write(referenceCsv, csv(new Random(11), 3000, 0.0, false));
        EngineFiles.write(currentCsv, csv(new Random(12), 2500, 0.3, true));
    }

    /**
     * Columns: continuous numbers (with infinities, -0.0 and missing tokens), rounded numbers (many ties), a few
     * integers, categories (quoted, with spaces and missing cells), a column numerical in the reference but text in
     * the current data, and one column present on one side only.
     */
    private static String csv(Random random, int rows, double shift, boolean current) {
        StringBuilder text = new StringBuilder("x,rounded,small,city,mixed," + (current ? "extra" : "gone") + "\n");
        for (int row = 0; row < rows; row++) {
            text.append(number(random, random.nextGaussian() + shift)).append(',')
                    .append(number(random, Math.round((random.nextGaussian() + shift) * 4) / 4.0)).append(',')
                    .append(random.nextInt(current ? 4 : 3)).append(',')
                    .append(random.nextInt(15) == 0 ? MISSING[random.nextInt(MISSING.length)]
                            : CITIES[random.nextInt(current ? CITIES.length : CITIES.length - 1)]).append(',')
                    .append(current && row % 50 == 0 ? "n" + row : " " + random.nextInt(30) + " ").append(',')
                    .append(random.nextInt(100)).append('\n');
        }
        return text.toString();
    }

    private static String number(Random random, double value) {
        int draw = random.nextInt(100);
        if (draw < 6) {
            return MISSING[random.nextInt(MISSING.length)];
        }
        if (draw == 6) {
            return random.nextBoolean() ? "inf" : "-Infinity";
        }
        if (draw == 7) {
            return "-0.0";
        }
        return Double.toString(value);
    }

    private LargeDrift engine() {
        return new LargeDrift(folder, "256MB");
    }

    private DriftReport inMemory(DriftOptions options) throws IOException {
        return DriftCalculator.compare(CsvTableReader.read(referenceCsv), CsvTableReader.read(currentCsv), options);
    }

    /** Field by field, every double bit for bit (NaN equal to NaN). */
    private static void assertSameReport(DriftReport actual, DriftReport expected) {
        assertThat(actual).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class)
                .isEqualTo(expected);
    }

    @Test
    void automatic_methods_give_the_in_memory_report_on_csv() throws IOException {
        DriftReport expected = inMemory(DriftOptions.defaults());

        DriftReport actual = engine().compare(referenceCsv, currentCsv, DriftOptions.defaults());

        assertSameReport(actual, expected);
        assertThat(actual.dataQuality()).extracting(DataQualityIssue::check).contains(
                DataQualityIssue.Check.TYPE_CHANGE, DataQualityIssue.Check.NEW_CATEGORIES,
                DataQualityIssue.Check.OUT_OF_RANGE, DataQualityIssue.Check.MISSING_COLUMN,
                DataQualityIssue.Check.NEW_COLUMN);
    }

    @ParameterizedTest
    @EnumSource(DriftMethod.class)
    void every_method_gives_the_in_memory_report_on_csv(DriftMethod method) throws IOException {
        DriftOptions options = DriftOptions.defaults().withMethod(method);
        DriftReport expected = inMemory(options);

        DriftReport actual = engine().compare(referenceCsv, currentCsv, options);

        assertSameReport(actual, expected);
        assertThat(actual.columns()).filteredOn(column -> column.type() == DriftColumnKind.NUMERICAL)
                .allSatisfy(column -> assertThat(column.referenceCount()).isGreaterThan(2000));
    }

    @Test
    void parquet_inputs_give_the_in_memory_report_of_the_same_table() throws IOException {
        DataTable reference = CsvTableReader.read(referenceCsv);
        DataTable current = CsvTableReader.read(currentCsv);
        Path referenceParquet = EngineFiles.parquet(folder.resolve("reference.parquet"), reference);
        Path currentParquet = EngineFiles.parquet(folder.resolve("current.parquet"), current);
        DriftOptions options = DriftOptions.defaults().withMethod(DriftMethod.WASSERSTEIN)
                .withColumnMethods(java.util.Map.of("city", DriftMethod.PSI, "mixed", DriftMethod.CHISQUARE));

        DriftReport actual = engine().compare(referenceParquet, currentParquet, options);

        assertSameReport(actual, DriftCalculator.compare(reference, current, options));
        assertThat(actual.referenceRows()).isEqualTo(3000);
    }

    @Test
    void requested_columns_and_unknown_columns_behave_as_in_memory() throws IOException {
        DriftOptions options = DriftOptions.defaults().withColumns(List.of("rounded", "small"));
        assertSameReport(engine().compare(referenceCsv, currentCsv, options), inMemory(options));

        assertThatThrownBy(() -> engine().compare(referenceCsv, currentCsv,
                DriftOptions.defaults().withColumns(List.of("extra"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the reference");
    }

    @Test
    void a_missing_file_is_an_invalid_parameter() {
        assertThatThrownBy(() -> engine().compare(folder.resolve("absent.csv"), currentCsv, DriftOptions.defaults()))
                .isInstanceOf(MlforgeException.class).hasMessageContaining("absent.csv");
    }

    @Test
    void a_memory_limit_must_be_a_size() {
        assertThatThrownBy(() -> new LargeDrift(folder, "lots")).isInstanceOf(IllegalArgumentException.class);
    }
}
