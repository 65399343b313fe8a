package dev.mlforge.store;

/** Migration V34 on SQLite: the rebuild of experiments and registered_models. */
class NamesPerWorkspaceMigrationOnSqliteTest extends NamesPerWorkspaceMigrationTest {
    @Override
    String emptyDatabase() {
        return "jdbc:sqlite:" + folder.resolve("v33.db") + "?foreign_keys=true";
    }

    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }
}
