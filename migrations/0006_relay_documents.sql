-- Parsed relay documents, one row per archived document (keyed by the raw document's SHA-256), shaped for what
-- reads them: Onionoo-style documents, history aggregates in SQL, and archive completeness checks.
-- Fingerprints and digests are bytea (20 or 32 bytes); hex and base64 are presentation.

CREATE TABLE network_statuses (
    document_sha256       bytea       PRIMARY KEY REFERENCES raw_documents (sha256),
    flavor                text        NOT NULL CHECK (flavor IN ('ns', 'microdesc', 'bridge')),
    is_vote               boolean     NOT NULL,
    -- The voting authority's identity, for votes; the bridge authority's, for bridge statuses when known.
    authority_fingerprint bytea       NULL,
    digest_sha1           bytea       NULL,
    valid_after           timestamptz NOT NULL,
    fresh_until           timestamptz NULL,
    valid_until           timestamptz NULL,
    vote_seconds          integer     NULL,
    dist_seconds          integer     NULL,
    consensus_method      integer     NULL,
    known_flags           text[]      NOT NULL,
    client_versions       text[]      NOT NULL,
    server_versions       text[]      NOT NULL,
    params                jsonb       NOT NULL,
    bandwidth_weights     jsonb       NOT NULL,
    entry_count           integer     NOT NULL
);
CREATE INDEX ix_network_statuses_valid_after ON network_statuses (flavor, is_vote, valid_after);

CREATE TABLE status_entries (
    status_sha256          bytea       NOT NULL REFERENCES network_statuses (document_sha256) ON DELETE CASCADE,
    fingerprint            bytea       NOT NULL,
    valid_after            timestamptz NOT NULL,
    nickname               text        NOT NULL,
    published              timestamptz NOT NULL,
    address                text        NOT NULL,
    or_port                integer     NOT NULL,
    dir_port               integer     NOT NULL,
    or_addresses           text[]      NOT NULL,
    flags                  text[]      NOT NULL,
    version                text        NULL,
    protocols              text        NULL,
    bandwidth              bigint      NULL,
    measured               bigint      NULL,
    unmeasured             boolean     NOT NULL,
    exit_policy_summary    text        NULL,
    descriptor_digest      bytea       NULL,
    microdescriptor_digest bytea       NULL,
    PRIMARY KEY (status_sha256, fingerprint)
);
ALTER TABLE status_entries SET (fillfactor = 100);
CREATE INDEX ix_status_entries_fingerprint_valid_after ON status_entries (fingerprint, valid_after);

CREATE TABLE server_descriptors (
    document_sha256             bytea       PRIMARY KEY REFERENCES raw_documents (sha256),
    is_bridge                   boolean     NOT NULL,
    digest_sha1                 bytea       NOT NULL,
    fingerprint                 bytea       NULL,
    nickname                    text        NOT NULL,
    published                   timestamptz NOT NULL,
    address                     text        NOT NULL,
    or_port                     integer     NOT NULL,
    dir_port                    integer     NOT NULL,
    or_addresses                text[]      NOT NULL,
    platform                    text        NULL,
    tor_version                 text        NULL,
    protocols                   text        NULL,
    bandwidth_average           bigint      NOT NULL,
    bandwidth_burst             bigint      NOT NULL,
    bandwidth_observed          bigint      NOT NULL,
    uptime                      bigint      NULL,
    hibernating                 boolean     NOT NULL,
    contact                     text        NULL,
    family                      text[]      NOT NULL,
    exit_policy                 text[]      NOT NULL,
    ipv6_policy                 text        NULL,
    ed25519_master_key          text        NULL,
    ntor_onion_key              text        NULL,
    extra_info_digest           bytea       NULL,
    overload_general_since      timestamptz NULL,
    bridge_distribution_request text        NULL
);
CREATE INDEX ix_server_descriptors_fingerprint_published ON server_descriptors (fingerprint, published);
CREATE INDEX ix_server_descriptors_digest_sha1 ON server_descriptors (digest_sha1);

CREATE TABLE extra_infos (
    document_sha256          bytea       PRIMARY KEY REFERENCES raw_documents (sha256),
    is_bridge                boolean     NOT NULL,
    digest_sha1              bytea       NOT NULL,
    fingerprint              bytea       NOT NULL,
    nickname                 text        NOT NULL,
    published                timestamptz NOT NULL,
    read_history_end         timestamptz NULL,
    read_history_interval    integer     NULL,
    read_history             bigint[]    NULL,
    write_history_end        timestamptz NULL,
    write_history_interval   integer     NULL,
    write_history            bigint[]    NULL,
    dirreq_stats_end         timestamptz NULL,
    dirreq_v3_ips            jsonb       NULL,
    dirreq_v3_reqs           jsonb       NULL,
    bridge_stats_end         timestamptz NULL,
    bridge_ips               jsonb       NULL,
    bridge_ip_versions       jsonb       NULL,
    bridge_ip_transports     jsonb       NULL,
    transports               text[]      NOT NULL,
    -- Every other statistic the parser read (hidserv, padding, cell, exit, entry, conn-bi-direct, overload...).
    statistics               jsonb       NOT NULL
);
CREATE INDEX ix_extra_infos_fingerprint_published ON extra_infos (fingerprint, published);
CREATE INDEX ix_extra_infos_digest_sha1 ON extra_infos (digest_sha1);

CREATE TABLE microdescriptors (
    document_sha256     bytea   PRIMARY KEY REFERENCES raw_documents (sha256),
    ntor_onion_key      text    NULL,
    or_addresses        text[]  NOT NULL,
    family              text[]  NOT NULL,
    exit_policy_summary text    NULL,
    ipv6_policy_summary text    NULL,
    ed25519_identity    text    NULL
);
