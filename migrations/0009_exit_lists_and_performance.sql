-- Exit lists (tordnsel): which addresses each exit relay was seen exiting from, and when.
CREATE TABLE exit_list_entries (
    document_sha256 bytea       NOT NULL REFERENCES raw_documents (sha256),
    fingerprint     bytea       NOT NULL,
    published       timestamptz NOT NULL,
    last_status     timestamptz NOT NULL,
    exit_address    text        NOT NULL,
    scanned         timestamptz NOT NULL,
    PRIMARY KEY (document_sha256, fingerprint, exit_address)
);
CREATE INDEX ix_exit_list_entries_fingerprint_scanned ON exit_list_entries (fingerprint, scanned);
CREATE INDEX ix_exit_list_entries_exit_address ON exit_list_entries (exit_address, scanned);

-- Torperf/OnionPerf measurements (.tpf lines): one download each, with its milestones.
CREATE TABLE torperf_results (
    document_sha256 bytea       PRIMARY KEY REFERENCES raw_documents (sha256),
    source          text        NOT NULL,
    file_size       bigint      NOT NULL,
    start           timestamptz NOT NULL,
    data_request    timestamptz NULL,
    data_response   timestamptz NULL,
    data_complete   timestamptz NULL,
    read_bytes      bigint      NOT NULL,
    write_bytes     bigint      NOT NULL,
    did_timeout     boolean     NULL,
    path            text[]      NOT NULL,
    build_times     double precision[] NOT NULL,
    endpoint_remote text        NULL,
    -- Milestones and keys not broken out above, as the file wrote them.
    other_values    jsonb       NOT NULL
);
CREATE INDEX ix_torperf_results_source_start ON torperf_results (source, start);
