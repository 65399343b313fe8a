package dev.mlforge.monitoring.monitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvColumnsTest {

    @Test
    void reads_numbers_strings_missing_cells_and_quoted_fields() {
        ColumnTable table = CsvColumns.parse("\uFEFFage,city,note\r\n31,Oslo,\"a, \"\"quoted\"\" note\"\n,Rome,\n", "t.csv");

        assertThat(table.names()).containsExactly("age", "city", "note");
        assertThat(table.column("age")).containsExactly(31.0, null);
        assertThat(table.column("city")).containsExactly("Oslo", "Rome");
        assertThat(table.column("note")).isEqualTo(Arrays.asList("a, \"quoted\" note", null));
        assertThat(table.rowCount()).isEqualTo(2);
    }

    @Test
    void rejects_ragged_rows_and_duplicate_columns_naming_the_file() {
        assertThatThrownBy(() -> CsvColumns.parse("a,b\n1\n", "ref.csv")).hasMessageContaining("ref.csv")
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> CsvColumns.parse("a,a\n1,2\n", "ref.csv")).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> CsvColumns.parse("", "ref.csv")).hasMessageContaining("empty");
    }
}
