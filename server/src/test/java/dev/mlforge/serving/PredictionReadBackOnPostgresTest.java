package dev.mlforge.serving;

import dev.mlforge.testing.ApplicationExtension;

/** The prediction log's read-back SQL (optional filters, keyset paging, the shadow self-join) on a real PostgreSQL. */
class PredictionReadBackOnPostgresTest extends PredictionReadBackTest {
    @Override
    ApplicationExtension extension() {
        return ApplicationExtension.postgres();
    }
}
