-- The port a build's web process listens on (a Dockerfile's EXPOSEd port); NULL means the
-- platform's default (5000). Releases read it through their build, so config changes and
-- rollbacks keep the port of the image they run.
ALTER TABLE builds ADD COLUMN port INTEGER;
