-- Failed builds are recorded too (paas builds): they have no image, a reason and their last output
-- lines. Rows made before were all builds that succeeded. started_at: when the builder began (null
-- for older rows, whose duration is unknown); created_at stays the time the build was recorded, its end.
ALTER TABLE builds ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'succeeded';
ALTER TABLE builds ADD COLUMN reason TEXT;
ALTER TABLE builds ADD COLUMN output TEXT;
ALTER TABLE builds ADD COLUMN started_at TIMESTAMPTZ;
ALTER TABLE builds ALTER COLUMN image DROP NOT NULL;
CREATE INDEX builds_app_created ON builds (app_id, created_at DESC);
