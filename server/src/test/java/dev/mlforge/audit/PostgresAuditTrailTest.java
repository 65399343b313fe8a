package dev.mlforge.audit;

import dev.mlforge.testing.ApplicationExtension;

/** The audit trail's HTTP behaviour (recording, filters, paging, verification) on PostgreSQL. */
class PostgresAuditTrailTest extends AuditTrailTest {
    @Override
    ApplicationExtension extension() {
        return ApplicationExtension.postgres();
    }
}
