-- Per-minute figures of each app, kept 24 hours (MetricsStore prunes older rows): requests the routers
-- served by status class with their latency p50/p99, and each process's memory and CPU. A minute
-- without requests (or a process not running) has no row: idle apps cost nothing.
CREATE TABLE app_metrics (
    app_id       BIGINT      NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    minute       TIMESTAMPTZ NOT NULL,
    requests_1xx INTEGER     NOT NULL DEFAULT 0,
    requests_2xx INTEGER     NOT NULL DEFAULT 0,
    requests_3xx INTEGER     NOT NULL DEFAULT 0,
    requests_4xx INTEGER     NOT NULL DEFAULT 0,
    requests_5xx INTEGER     NOT NULL DEFAULT 0,
    p50_ms       INTEGER     NOT NULL,
    p99_ms       INTEGER     NOT NULL,
    PRIMARY KEY (app_id, minute)
);
CREATE TABLE process_metrics (
    app_id       BIGINT      NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    minute       TIMESTAMPTZ NOT NULL,
    process      VARCHAR(80) NOT NULL,
    memory_bytes BIGINT      NOT NULL,
    cpu_percent  REAL        NOT NULL,
    PRIMARY KEY (app_id, minute, process)
);
CREATE INDEX app_metrics_minute ON app_metrics (minute);
CREATE INDEX process_metrics_minute ON process_metrics (minute);
