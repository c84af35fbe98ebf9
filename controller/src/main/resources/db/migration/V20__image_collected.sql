-- A release whose image the platform removed from its registry (only the newest releases of each app
-- keep theirs, PAAS_RELEASES_KEPT): a rollback to it is refused with the reason instead of a failed pull.
ALTER TABLE releases ADD COLUMN image_collected BOOLEAN NOT NULL DEFAULT FALSE;
