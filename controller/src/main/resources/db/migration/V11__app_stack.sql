-- The stack an app's builds run on (paas stack:set), as on Heroku; NULL: the platform's default (PAAS_STACK).
ALTER TABLE apps ADD COLUMN stack VARCHAR(40);
