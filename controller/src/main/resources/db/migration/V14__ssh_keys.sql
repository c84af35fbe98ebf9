-- Users' SSH public keys for git pushes over SSH. A key (its SHA-256 fingerprint, as ssh-keygen -l
-- prints it) belongs to one user only: the builder finds the pushing user by it.
CREATE TABLE ssh_keys (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    fingerprint VARCHAR(128)  NOT NULL UNIQUE,
    key_type    VARCHAR(64)   NOT NULL,
    public_key  VARCHAR(8192) NOT NULL,
    comment     VARCHAR(256)  NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX ssh_keys_user ON ssh_keys (user_id);
