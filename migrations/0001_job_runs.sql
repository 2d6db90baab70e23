-- Every execution of a job, written by JobRunListener. The admin UI and /health read it.
CREATE TABLE job_runs (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_name           text        NOT NULL,
    fire_instance_id   text        NOT NULL,
    scheduler_instance text        NOT NULL,
    manual             boolean     NOT NULL,
    scheduled_fire_time timestamptz NULL,
    started_at         timestamptz NOT NULL,
    finished_at        timestamptz NULL,
    outcome            text        NOT NULL CHECK (outcome IN ('Running', 'Succeeded', 'Failed', 'Vetoed')),
    progress_percent   integer     NULL,
    progress_message   text        NULL,
    counts             jsonb       NULL,
    error              text        NULL
);

CREATE UNIQUE INDEX ix_job_runs_fire_instance_id ON job_runs (fire_instance_id);
CREATE INDEX ix_job_runs_job_name_started_at ON job_runs (job_name, started_at);
