-- Live relay-descriptor collection from directory authorities (issue 5): what each fetch did, and the references
-- between directory documents that the archive rate is computed from (descriptor-formats.md §3, §4.4-4.7).

-- Every HTTP request the collector made, successful or not.
CREATE TABLE relay_fetches (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at   timestamptz NOT NULL,
    url          text        NOT NULL,
    -- The directory server asked: an authority's nickname, or host:port of a configured authority or cache.
    source       text        NOT NULL,
    is_authority boolean     NOT NULL,
    -- What was wanted: vote, consensus, consensus-microdesc, detached-signatures, server-descriptors, extra-infos,
    -- microdescriptors, key-certificates, bandwidth-file.
    purpose      text        NOT NULL,
    -- The consensus period the fetch was for, when it was for one.
    valid_after  timestamptz NULL,
    -- HTTP status; NULL when no response arrived (refused, timed out).
    status       integer     NULL,
    -- Bytes received on the wire (compressed) and after decompression.
    bytes        bigint      NOT NULL,
    bytes_plain  bigint      NOT NULL,
    duration_ms  integer     NOT NULL,
    -- How many digests the request asked for (batched descriptor fetches), else 1.
    requested    integer     NOT NULL,
    error        text        NULL
);
CREATE INDEX ix_relay_fetches_started_at ON relay_fetches (started_at);

-- A consensus's authority sections (dir-source, vote-digest) and a vote's own: where the authorities are, and
-- which votes a consensus was made from.
CREATE TABLE status_authorities (
    status_sha256 bytea   NOT NULL REFERENCES network_statuses (document_sha256) ON DELETE CASCADE,
    identity      bytea   NOT NULL,
    nickname      text    NOT NULL,
    address       text    NOT NULL,
    dir_port      integer NOT NULL,
    or_port       integer NOT NULL,
    vote_digest   bytea   NULL,
    PRIMARY KEY (status_sha256, identity)
);

-- directory-signature lines: which authority signed, with which signing key (named by its certificate).
CREATE TABLE status_signatures (
    status_sha256      bytea NOT NULL REFERENCES network_statuses (document_sha256) ON DELETE CASCADE,
    identity           bytea NOT NULL,
    signing_key_digest bytea NOT NULL,
    algorithm          text  NOT NULL,
    PRIMARY KEY (status_sha256, identity, algorithm)
);

-- Directory key certificates, parsed: a signature's signing-key digest finds its certificate.
CREATE TABLE key_certificates (
    document_sha256    bytea       PRIMARY KEY REFERENCES raw_documents (sha256),
    fingerprint        bytea       NOT NULL,
    published          timestamptz NOT NULL,
    expires            timestamptz NOT NULL,
    signing_key_digest bytea       NOT NULL,
    address            text        NULL,
    dir_port           integer     NULL
);
CREATE INDEX ix_key_certificates_signing_key_digest ON key_certificates (signing_key_digest);

-- A vote's bandwidth-file-digest (SHA-256 of the bandwidth file the authority voted with).
ALTER TABLE network_statuses ADD COLUMN bandwidth_file_digest bytea NULL;

-- Votes are found by their digest (consensus vote-digest lines) within one period.
CREATE INDEX ix_network_statuses_votes ON network_statuses (valid_after, digest_sha1) WHERE is_vote;
