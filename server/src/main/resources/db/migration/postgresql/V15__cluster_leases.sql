-- Several servers on one store: leases (who runs a piece of background work, until when, with a fencing token that
-- grows each time the lease changes hands) and a revision per deployment that the other servers poll to reload it.
CREATE TABLE leases (
    name       VARCHAR(512) NOT NULL PRIMARY KEY,
    holder     VARCHAR(256) NOT NULL,
    token      BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL
);

ALTER TABLE serving_deployments ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
