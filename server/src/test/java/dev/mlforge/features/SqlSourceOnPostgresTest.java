package dev.mlforge.features;

import dev.mlforge.testing.ApplicationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SqlSourceTest} on PostgreSQL: the plan's relations decide what a query reads; times are TIMESTAMPTZ. */
class SqlSourceOnPostgresTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.postgres().withConfig("features.sql-source-tables", "driver_events");

    @Test
    void a_query_source_is_materialized_joined_and_confined_to_the_listed_tables() {
        SqlSourceTest.run(server, "TIMESTAMPTZ");
    }
}
