-- The app's identity, for every store outside this database (git repository, build cache and
-- scratch, registry repository, builds in flight): a name can be taken again after a destroy, a
-- uid never is. New apps get a random UUID (36 characters, so never equal to a name, which has at
-- most 30). Apps made before keep their stores where they were, under their name: that is their uid.
ALTER TABLE apps ADD COLUMN uid VARCHAR(64);
UPDATE apps SET uid = name;
ALTER TABLE apps ALTER COLUMN uid SET NOT NULL;
ALTER TABLE apps ADD CONSTRAINT apps_uid_unique UNIQUE (uid);
