-- Custom domains: a domain (or a wildcard "*.example.com") belongs to one app.
CREATE TABLE domains (
    id         BIGSERIAL PRIMARY KEY,
    app_id     BIGINT       NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    hostname   VARCHAR(253) NOT NULL UNIQUE,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX domains_app ON domains (app_id);

-- TLS certificates uploaded for an app; served (SNI) for the app's domains they cover.
-- The key is stored as PEM text: encryption at rest is future work.
CREATE TABLE certificates (
    id         BIGSERIAL PRIMARY KEY,
    app_id     BIGINT       NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    name       VARCHAR(64)  NOT NULL,
    hosts      TEXT         NOT NULL, -- the names the certificate covers, one per line
    cert_pem   TEXT         NOT NULL,
    key_pem    TEXT         NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (app_id, name)
);

-- Per-app router settings; a missing row or a NULL column means the router's default.
CREATE TABLE router_settings (
    app_id             BIGINT      PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    maintenance        BOOLEAN     NOT NULL DEFAULT FALSE,
    tls_enforce        BOOLEAN     NOT NULL DEFAULT FALSE,
    allowlist          TEXT        NOT NULL DEFAULT '', -- CIDRs, one per line
    connect_timeout_ms INT,
    read_timeout_ms    INT,
    idle_timeout_ms    INT,
    max_body_bytes     BIGINT,
    balancing          VARCHAR(32)
);
