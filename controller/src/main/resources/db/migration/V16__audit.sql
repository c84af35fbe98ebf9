-- The audit trail: who did what, when and from which address. An entry about an app keeps the app's id
-- and the name it had then, with no reference to apps: the record outlives the app (its destroy is an
-- entry too). Platform-wide entries (teams, tokens, registration, failed logins) have no app.
CREATE TABLE audit_entries (
    id         BIGSERIAL PRIMARY KEY,
    app_id     BIGINT,
    app_name   VARCHAR(64),
    actor      VARCHAR(64)  NOT NULL,
    action     VARCHAR(32)  NOT NULL,
    details    VARCHAR(1000),
    address    VARCHAR(64),
    created_at TIMESTAMPTZ  NOT NULL
);

CREATE INDEX audit_entries_app_time ON audit_entries (app_id, created_at DESC) WHERE app_id IS NOT NULL;
CREATE INDEX audit_entries_time ON audit_entries (created_at DESC);
