-- Bandwidth authority: the scanner's measurement attempts, its state counters, and the bandwidth files generated
-- from them. sbws kept these in JSON-lines files; here the generator's statistics are SQL over these rows.

-- One row per measurement attempt (an sbws "result"). scanner_id names the deployment the row belongs to, so
-- several scanners (or an imported sbws history next to our own) can share the database and still be generated
-- separately. Downloads stay arrays on the row: the generator always reads all of an attempt's downloads together.
CREATE TABLE bandwidth_measurements (
    id                                bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scanner_id                        text             NOT NULL,
    -- SHA-256 of the source line (or of the canonical record for our own scanner): a re-import adds nothing.
    content_sha256                    bytea            NOT NULL CHECK (length(content_sha256) = 32),
    result_version                    integer          NOT NULL,
    fingerprint                       bytea            NOT NULL CHECK (length(fingerprint) = 20),
    ed25519_master_key                text             NULL,
    nickname                          text             NULL,
    address                           text             NULL,
    measured_at                       timestamptz      NOT NULL,
    result_type                       text             NOT NULL CHECK (result_type IN ('success', 'error-circ',
                                          'error-stream', 'error-misc', 'error-destination', 'error-second-relay',
                                          'error-auth')),
    message                           text             NULL,
    -- The path, first hop first; helper_fingerprint is the hop that is not the measured relay.
    circuit                           bytea[]          NOT NULL,
    helper_fingerprint                bytea            NULL,
    destination_url                   text             NULL,
    scanner_nickname                  text             NULL,
    download_amounts                  bigint[]         NULL,
    download_durations                double precision[] NULL,
    rtts                              double precision[] NULL,
    relay_average_bandwidth           bigint           NULL,
    relay_burst_bandwidth             bigint           NULL,
    relay_observed_bandwidth          bigint           NULL,
    consensus_bandwidth               bigint           NULL,
    consensus_bandwidth_is_unmeasured boolean          NULL,
    relay_in_recent_consensus         timestamptz[]    NULL,
    relay_recent_priority_list        timestamptz[]    NULL,
    relay_recent_measurement_attempt  timestamptz[]    NULL,
    xoff_recv                         timestamptz[]    NULL,
    xoff_sent                         timestamptz[]    NULL,
    -- Fields this schema has no column for (older result versions' counters, future additions), kept verbatim.
    extra                             jsonb            NULL,
    imported_at                       timestamptz      NOT NULL
);
CREATE UNIQUE INDEX ix_bandwidth_measurements_scanner_content ON bandwidth_measurements (scanner_id, content_sha256);
-- The generator reads one scanner's window, relay by relay; the admin page reads one relay over time.
CREATE INDEX ix_bandwidth_measurements_scanner_time ON bandwidth_measurements (scanner_id, measured_at);
CREATE INDEX ix_bandwidth_measurements_fingerprint_time ON bandwidth_measurements (fingerprint, measured_at);

-- The scanner's state file (sbws state.dat): the monitoring counters the generator copies into the header.
CREATE TABLE bandwidth_scanner_states (
    id                         bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scanner_id                 text          NOT NULL,
    content_sha256             bytea         NOT NULL CHECK (length(content_sha256) = 32),
    scanner_started            timestamptz   NULL,
    scanner_uuid               text          NULL,
    tor_version                text          NULL,
    recent_consensus           timestamptz[] NOT NULL,
    recent_priority_list       timestamptz[] NOT NULL,
    recent_priority_relay      integer[]     NOT NULL,
    -- NULL when the state has no such list: the header then has no attempt or failure count.
    recent_measurement_attempt timestamptz[] NULL,
    min_perc_reached           timestamptz   NULL,
    imported_at                timestamptz   NOT NULL
);
CREATE UNIQUE INDEX ix_bandwidth_scanner_states_scanner_content ON bandwidth_scanner_states (scanner_id, content_sha256);

-- Every bandwidth file the generator wrote, with the header figures the admin UI lists. The file itself is in the
-- archive (raw_documents), content-addressed like every other document.
CREATE TABLE bandwidth_file_generations (
    id                      bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scanner_id              text             NOT NULL,
    file_created            timestamptz      NOT NULL,
    document_sha256         bytea            NOT NULL CHECK (length(document_sha256) = 32),
    output_path             text             NULL,
    scaling                 text             NOT NULL,
    latest_bandwidth        timestamptz      NOT NULL,
    earliest_bandwidth      timestamptz      NOT NULL,
    relay_lines             integer          NOT NULL,
    eligible_relays         integer          NOT NULL,
    consensus_relays        integer          NULL,
    percent_eligible_relays integer          NULL,
    min_percent_reached     boolean          NULL,
    mu                      bigint           NULL,
    muf                     bigint           NULL,
    excluded_error          integer          NOT NULL,
    excluded_near           integer          NOT NULL,
    excluded_old            integer          NOT NULL,
    excluded_few            integer          NOT NULL,
    duration_ms             integer          NOT NULL
);
CREATE INDEX ix_bandwidth_file_generations_scanner_created ON bandwidth_file_generations (scanner_id, file_created);

-- The weight each generated file gave each relay, for the relay's history page.
CREATE TABLE bandwidth_file_relays (
    generation_id    bigint  NOT NULL REFERENCES bandwidth_file_generations (id) ON DELETE CASCADE,
    fingerprint      bytea   NOT NULL,
    bw               bigint  NOT NULL,
    vote             boolean NOT NULL,
    under_min_report boolean NOT NULL,
    unmeasured       boolean NOT NULL,
    PRIMARY KEY (fingerprint, generation_id)
);
ALTER TABLE bandwidth_file_relays SET (fillfactor = 100);
CREATE INDEX ix_bandwidth_file_relays_generation ON bandwidth_file_relays (generation_id);
