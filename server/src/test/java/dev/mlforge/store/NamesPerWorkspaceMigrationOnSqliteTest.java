package dev.mlforge.store;

import java.nio.file.Files;
import java.nio.file.Path;

/** Migration V34 on SQLite: the rebuild of experiments and registered_models. */
class NamesPerWorkspaceMigrationOnSqliteTest extends NamesPerWorkspaceMigrationTest {
    @Override
    String emptyDatabase() throws Exception {
        Path folder = Files.createTempDirectory("mlforge-v33-");
        return "jdbc:sqlite:" + folder.resolve("v33.db") + "?foreign_keys=true";
    }

    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }
}
