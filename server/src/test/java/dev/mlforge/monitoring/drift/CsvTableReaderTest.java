package dev.mlforge.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.http.MlforgeException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableReaderTest {
    @TempDir
    Path folder;

    private DataTable read(String text) throws Exception {
        Path file = folder.resolve("data.csv");
        Files.writeString(file, text);
        return CsvTableReader.read(file);
    }

    @Test
    void numeric_columns_hold_doubles_and_missing_tokens_become_nan() throws Exception {
        DataTable table = read("a,b\n1,2.5\n\"\",NA\n-3e2,inf\n0.1,-Infinity\n");

        Column.Numbers a = (Column.Numbers) table.column("a").orElseThrow();
        Column.Numbers b = (Column.Numbers) table.column("b").orElseThrow();
        assertThat(a.values()).containsExactly(1, Double.NaN, -300, 0.1);
        assertThat(b.values()).containsExactly(2.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    @Test
    void a_column_with_any_text_is_categorical_and_keeps_the_original_text() throws Exception {
        DataTable table = read("id,city\n1,Paris\n2,\"New York, NY\"\n3,\n4,\"say \"\"hi\"\"\"\n");

        Column.Categories city = (Column.Categories) table.column("city").orElseThrow();
        assertThat(city.values()).containsExactly("Paris", "New York, NY", null, "say \"hi\"");
        assertThat(table.column("id").orElseThrow().type()).isEqualTo(DriftColumnKind.NUMERICAL);
    }

    @Test
    void crlf_blank_lines_and_bom_are_handled() throws Exception {
        DataTable table = read("\uFEFFx,y\r\n1,2\r\n\r\n3,\r\n");

        assertThat(table.names()).containsExactly("x", "y");
        assertThat(table.rowCount()).isEqualTo(2);
        assertThat(((Column.Numbers) table.column("y").orElseThrow()).values()).containsExactly(2, Double.NaN);
    }

    @Test
    void ragged_rows_and_duplicate_headers_are_rejected_naming_the_line() {
        assertThatThrownBy(() -> read("x\n1,2\n")).isInstanceOf(MlforgeException.class)
                .hasMessageEndingWith(": line 2 has more than 1 fields, the header has 1");
        assertThatThrownBy(() -> read("x,y\n1,2\n\n3\n")).isInstanceOf(MlforgeException.class)
                .hasMessageEndingWith(": line 4 has 1 fields, the header has 2");
        assertThatThrownBy(() -> read("x,x\n1,2\n")).isInstanceOf(MlforgeException.class)
                .hasMessageEndingWith(": duplicate column name 'x'");
    }

    @Test
    void parsed_numbers_equal_java_parse_double_for_many_formats() throws Exception {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("v\n");
        String[] texts = new String[5000];
        for (int i = 0; i < texts.length; i++) {
            double value = random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15);
            texts[i] = switch (i % 4) {
                case 0 -> Double.toString(value);
                case 1 -> String.format(java.util.Locale.ROOT, "%.6f", value);
                case 2 -> String.format(java.util.Locale.ROOT, "%.17g", value);
                default -> String.format(java.util.Locale.ROOT, "%.3e", value);
            };
            csv.append(texts[i]).append('\n');
        }

        double[] parsed = ((Column.Numbers) read(csv.toString()).column("v").orElseThrow()).values();

        for (int i = 0; i < texts.length; i++) {
            assertThat(parsed[i]).as(texts[i]).isEqualTo(Double.parseDouble(texts[i]));
        }
    }

    @Test
    void rows_longer_than_the_buffer_and_files_larger_than_it_are_read() throws Exception {
        StringBuilder csv = new StringBuilder("a,b\n");
        String longText = "x".repeat(3_000_000);
        csv.append("1,\"").append(longText).append("\"\n");
        for (int i = 0; i < 200_000; i++) {
            csv.append(i).append(",v").append(i % 7).append('\n');
        }

        DataTable table = read(csv.toString());

        assertThat(table.rowCount()).isEqualTo(200_001);
        assertThat(((Column.Categories) table.column("b").orElseThrow()).values()[0]).hasSize(3_000_000);
        assertThat(((Column.Numbers) table.column("a").orElseThrow()).values()[200_000]).isEqualTo(199_999);
    }
}
