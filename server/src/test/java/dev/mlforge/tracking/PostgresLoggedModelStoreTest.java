package dev.mlforge.tracking;

import dev.mlforge.store.Database;
import dev.mlforge.store.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresLoggedModelStoreTest extends LoggedModelStoreContract {
    @RegisterExtension
    static final TestDatabases db = TestDatabases.postgres();

    @Override
    Database database() {
        return db.database();
    }
}
