-- A release rolls out (pending), then serves (succeeded) or never becomes healthy (failed, with
-- the reason users see). Limits and health checks belong to the release like its config, so a
-- rollback restores them too.
ALTER TABLE releases ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'succeeded';
ALTER TABLE releases ADD COLUMN failure TEXT;
ALTER TABLE releases ADD COLUMN limits TEXT NOT NULL DEFAULT '{}';
ALTER TABLE releases ADD COLUMN healthchecks TEXT NOT NULL DEFAULT '{}';
ALTER TABLE releases ALTER COLUMN status SET DEFAULT 'pending';

-- Grows with each `paas ps:restart` of the type: new containers replace the running ones.
ALTER TABLE formations ADD COLUMN generation INT NOT NULL DEFAULT 0;
