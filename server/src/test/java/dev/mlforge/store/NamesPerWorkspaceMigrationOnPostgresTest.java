package dev.mlforge.store;

/** Migration V34 on the embedded PostgreSQL: the unique constraints swapped. */
class NamesPerWorkspaceMigrationOnPostgresTest extends NamesPerWorkspaceMigrationTest {
    @Override
    String emptyDatabase() {
        return TestDatabases.newPostgresDatabase();
    }

    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
