package dev.mlforge.features;

import dev.mlforge.store.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class JdbiOnlineStoreTest extends OnlineStoreContract {
    @TempDir
    Path dataDir;

    @Override
    OnlineStore open() {
        Database database = Database.open(null, dataDir);
        JdbiOnlineStore store = new JdbiOnlineStore(database);
        return new OnlineStore() {
            @Override
            public void write(String viewName, java.util.List<OnlineRow> rows) {
                store.write(viewName, rows);
            }

            @Override
            public java.util.Map<String, OnlineRow> read(String viewName, java.util.Collection<String> entityKeys) {
                return store.read(viewName, entityKeys);
            }

            @Override
            public void clear(String viewName) {
                store.clear(viewName);
            }

            @Override
            public void close() {
                database.close();
            }
        };
    }
}
