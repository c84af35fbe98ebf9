-- A failed release keeps its failed process's last output beside the reason, so releases:info can
-- show why long after the deploy's own answer is gone.
ALTER TABLE releases ADD COLUMN failure_output TEXT;
