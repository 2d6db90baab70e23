-- The raw archive: every document's exact bytes, stored once and addressed by the SHA-256 of those bytes,
-- with where each copy came from. Unparseable documents are kept too, with the reason, so nothing is lost and a
-- fixed parser can re-read them ('reparse' verb).

CREATE TABLE import_runs (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at            timestamptz NOT NULL,
    finished_at           timestamptz NULL,
    status                text        NOT NULL CHECK (status IN ('Running', 'Succeeded', 'Failed', 'Interrupted')),
    origin                text        NOT NULL,
    paths                 text        NOT NULL,
    files_total           integer     NOT NULL,
    files_imported        integer     NOT NULL,
    files_skipped         integer     NOT NULL,
    documents_new         bigint      NOT NULL,
    documents_duplicate   bigint      NOT NULL,
    documents_unparseable bigint      NOT NULL,
    bytes_read            bigint      NOT NULL,
    error                 text        NULL
);

-- One file (or tarball member, or URL) that documents were read from. completed_at is set in the same transaction
-- that stores the file's documents, so an interrupted import simply redoes the files that lack it.
CREATE TABLE source_files (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    location      text        NOT NULL,
    sha256        bytea       NOT NULL CHECK (length(sha256) = 32),
    size          bigint      NOT NULL,
    documents     integer     NOT NULL,
    import_run_id bigint      NULL REFERENCES import_runs (id) ON DELETE SET NULL,
    completed_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX ix_source_files_location_sha256 ON source_files (location, sha256);

CREATE TABLE raw_documents (
    sha256            bytea       PRIMARY KEY CHECK (length(sha256) = 32),
    kind              text        NOT NULL,
    content           bytea       NOT NULL,
    length            integer     NOT NULL,
    -- The digests tor uses to reference the document (see descriptor-formats.md §3): SHA-1 for server
    -- descriptors, extra-infos, consensuses and votes; SHA-256 for microdescriptors and bandwidth files.
    digest_sha1       bytea       NULL,
    digest_sha256     bytea       NULL,
    published         timestamptz NULL,
    annotations       text        NULL,
    parse_status      text        NOT NULL CHECK (parse_status IN ('Parsed', 'Unparseable')),
    parse_error       text        NULL,
    parse_error_line  integer     NULL,
    parser_version    integer     NOT NULL,
    first_seen        timestamptz NOT NULL
);
-- lz4 is fast enough to keep up with import; pglz gives up on most descriptor-sized values (performance-notes.md).
ALTER TABLE raw_documents ALTER COLUMN content SET COMPRESSION lz4;
CREATE INDEX ix_raw_documents_kind_digest_sha1 ON raw_documents (kind, digest_sha1) WHERE digest_sha1 IS NOT NULL;
CREATE INDEX ix_raw_documents_kind_digest_sha256 ON raw_documents (kind, digest_sha256) WHERE digest_sha256 IS NOT NULL;
CREATE INDEX ix_raw_documents_kind_published ON raw_documents (kind, published);
CREATE INDEX ix_raw_documents_unparseable ON raw_documents (kind) WHERE parse_status = 'Unparseable';

CREATE TABLE document_sources (
    source_file_id  bigint  NOT NULL REFERENCES source_files (id) ON DELETE CASCADE,
    position        integer NOT NULL,
    document_sha256 bytea   NOT NULL REFERENCES raw_documents (sha256),
    PRIMARY KEY (source_file_id, position)
);
CREATE INDEX ix_document_sources_document_sha256 ON document_sources (document_sha256);
