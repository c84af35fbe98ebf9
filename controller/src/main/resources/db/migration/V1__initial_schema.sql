CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL UNIQUE,
    password_hash VARCHAR(256) NOT NULL,
    admin         BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE api_tokens (
    id         BIGSERIAL PRIMARY KEY,
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash CHAR(64)    NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE apps (
    id         BIGSERIAL PRIMARY KEY,
    name       VARCHAR(30) NOT NULL UNIQUE,
    owner_id   BIGINT      NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE builds (
    id             UUID PRIMARY KEY,
    app_id         BIGINT       NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    sha            VARCHAR(64)  NOT NULL,
    image          VARCHAR(512) NOT NULL,
    process_types  TEXT         NOT NULL,
    created_by     VARCHAR(64)  NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- A release is immutable: the image (from a build) and the config at the time it was made.
CREATE TABLE releases (
    id            BIGSERIAL PRIMARY KEY,
    app_id        BIGINT       NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    version       INT          NOT NULL,
    build_id      UUID         REFERENCES builds (id) ON DELETE SET NULL,
    image         VARCHAR(512),
    config        TEXT         NOT NULL,
    process_types TEXT         NOT NULL,
    summary       VARCHAR(512) NOT NULL,
    created_by    VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (app_id, version)
);

CREATE TABLE formations (
    id       BIGSERIAL PRIMARY KEY,
    app_id   BIGINT      NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    type     VARCHAR(64) NOT NULL,
    quantity INT         NOT NULL CHECK (quantity >= 0),
    UNIQUE (app_id, type)
);
