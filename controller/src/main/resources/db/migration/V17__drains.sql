-- Log drains: where an app's log lines are also sent (syslog://, syslog+tls://, https://). The
-- token (d.<uuid>, as Heroku's) is shown to users and sent with every line so a receiver can tell
-- drains apart. created_by keeps the adder's name: a user deleted since still shows who it was.
CREATE TABLE drains (
    id         BIGSERIAL PRIMARY KEY,
    app_id     BIGINT        NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    url        VARCHAR(2048) NOT NULL,
    token      VARCHAR(64)   NOT NULL UNIQUE,
    created_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    created_by VARCHAR(256),
    UNIQUE (app_id, url)
);
CREATE INDEX drains_app ON drains (app_id);
