-- Who may work on an app besides its owner, teams that own apps, tokens users manage, admin settings.

ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE api_tokens ADD COLUMN description VARCHAR(200);
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE api_tokens ADD COLUMN last_used_at TIMESTAMPTZ;

CREATE TABLE teams (
    id         BIGSERIAL PRIMARY KEY,
    name       VARCHAR(64) NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE team_members (
    team_id    BIGINT      NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       VARCHAR(16) NOT NULL CHECK (role IN ('admin', 'member')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, user_id)
);

-- An app owned by a team still names the user who created or received it (owner_id), for the record: the
-- team decides who may. Deleting that user leaves the team's app without one.
ALTER TABLE apps ADD COLUMN team_id BIGINT REFERENCES teams (id);
ALTER TABLE apps ALTER COLUMN owner_id DROP NOT NULL;
ALTER TABLE apps ADD CONSTRAINT apps_owned CHECK (owner_id IS NOT NULL OR team_id IS NOT NULL);

CREATE TABLE collaborators (
    app_id     BIGINT      NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, user_id)
);

-- Limits an admin sets for a user's or a team's apps; a null column is no limit.
CREATE TABLE quotas (
    id        BIGSERIAL PRIMARY KEY,
    user_id   BIGINT REFERENCES users (id) ON DELETE CASCADE UNIQUE,
    team_id   BIGINT REFERENCES teams (id) ON DELETE CASCADE UNIQUE,
    apps      INT CHECK (apps >= 0),
    processes INT CHECK (processes >= 0),
    memory_mb INT CHECK (memory_mb >= 0),
    CHECK ((user_id IS NULL) <> (team_id IS NULL))
);

-- Settings an admin changes at run time (registration open or closed).
CREATE TABLE platform_settings (
    name  VARCHAR(64) PRIMARY KEY,
    value TEXT NOT NULL
);
