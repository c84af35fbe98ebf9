-- How a build's process commands run: 'slug' (NULL: builds made before) through the run image's
-- paas-launch, 'image' (Dockerfile builds, prebuilt images) through /bin/sh -c in the image,
-- an empty command running the image's own ENTRYPOINT/CMD.
ALTER TABLE builds ADD COLUMN kind VARCHAR(16);

-- The port web listens on, chosen with `paas ports:set`; NULL: the build's (its EXPOSEd port, or
-- the platform's default). Kept by later releases like config, and by rollbacks of the release.
ALTER TABLE releases ADD COLUMN port INTEGER;

-- Credentials for private registries, used when the platform pulls an app's prebuilt image.
-- The password is sealed (KeyVault, "v1:" + base64) and never answered back.
CREATE TABLE registry_logins (
    id         BIGSERIAL PRIMARY KEY,
    app_id     BIGINT       NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    host       VARCHAR(255) NOT NULL,
    username   VARCHAR(255) NOT NULL,
    password   TEXT         NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (app_id, host)
);

-- Dockerfile build options per app (Dokku's docker-options build, builder-dockerfile): build
-- args as a JSON object, and the Dockerfile's path in the repository (NULL: Dockerfile).
CREATE TABLE docker_options (
    app_id          BIGINT       PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    build_args      TEXT         NOT NULL DEFAULT '{}',
    dockerfile_path VARCHAR(255)
);
