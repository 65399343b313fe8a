-- An approval rule may demand a second approver distinct from the requester (a two-person rule); such a rule
-- refuses approvals by unauthenticated identities.
ALTER TABLE registry_approval_rules ADD COLUMN require_second_approver BOOLEAN NOT NULL DEFAULT FALSE;
