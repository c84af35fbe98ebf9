-- Routers the controller has heard from: after a controller restart, a deploy still waits for
-- the routers that were live to apply its route change before it stops old containers.
CREATE TABLE routers (
    id         VARCHAR(255) PRIMARY KEY,
    generation BIGINT       NOT NULL,
    seen_at    TIMESTAMPTZ  NOT NULL
);
