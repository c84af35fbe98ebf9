-- The buildpacks an app names (paas buildpacks:set/add), run in position order (1, 2, ...); an app
-- with none has its buildpack detected. url is a built-in name or an http(s) URL, as the user gave it.
CREATE TABLE app_buildpacks (
    id       BIGSERIAL     PRIMARY KEY,
    app_id   BIGINT        NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    position INT           NOT NULL,
    url      VARCHAR(2000) NOT NULL,
    UNIQUE (app_id, position)
);
