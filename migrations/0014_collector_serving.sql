-- Serving what we hold in CollecTor's layout (collector.md §1): where each archived document appears in the
-- recent/ and archive/ trees, and the files index.json lists. Documents are never copied: files are streamed from
-- raw_documents (recent/) or built from it into a cache directory (archive/ tarballs).

-- A publication run places every document first seen since the previous run. It is our "collection run": the
-- files CollecTor names by run time (server descriptors, extra-infos, microdescriptors) are named by its start.
CREATE TABLE collector_runs (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz NULL,
    documents_placed bigint      NOT NULL DEFAULT 0,
    recent_files     integer     NOT NULL DEFAULT 0
);

-- One monthly tarball (or certs.tar.xz). version grows whenever entries are added; a build records the version it
-- read, so a tarball is stale exactly when version > built_version.
CREATE TABLE archive_tarballs (
    path          text   PRIMARY KEY,
    version       bigint NOT NULL,
    built_version bigint NOT NULL DEFAULT 0
);

-- A document's place in a tarball. Microdescriptors can sit in several months (one per month of the consensuses
-- that reference them, as CollecTor re-fetches them monthly), everything else in exactly one.
CREATE TABLE archive_entries (
    document_sha256 bytea       NOT NULL REFERENCES raw_documents (sha256),
    tarball         text        NOT NULL REFERENCES archive_tarballs (path),
    entry_name      text        COLLATE "C" NOT NULL,
    published       timestamptz NULL,
    type_annotation text        NULL,
    run_id          bigint      NOT NULL REFERENCES collector_runs (id),
    PRIMARY KEY (document_sha256, tarball)
);
CREATE INDEX ix_archive_entries_tarball_entry_name ON archive_entries (tarball, entry_name);

-- A document first seen in the recent window, in the recent/ file it is served in. Rows leave with their run.
CREATE TABLE recent_entries (
    document_sha256 bytea       PRIMARY KEY REFERENCES raw_documents (sha256),
    path            text        NOT NULL,
    published       timestamptz NULL,
    type_annotation text        NULL,
    run_id          bigint      NOT NULL REFERENCES collector_runs (id)
);
CREATE INDEX ix_recent_entries_path_run ON recent_entries (path, run_id);
CREATE INDEX ix_recent_entries_run ON recent_entries (run_id);

-- Every file index.json lists, with the figures it reports. A recent file's content is its entries up to
-- through_run_id, so a run that adds to a file never changes what the listed size and digest describe.
CREATE TABLE collector_files (
    path            text        PRIMARY KEY,
    size            bigint      NOT NULL,
    sha256          bytea       NOT NULL CHECK (length(sha256) = 32),
    last_modified   timestamptz NOT NULL,
    types           text[]      NOT NULL,
    first_published timestamptz NULL,
    last_published  timestamptz NULL,
    documents       integer     NOT NULL,
    through_run_id  bigint      NULL REFERENCES collector_runs (id)
);

-- Runs find the documents first seen since the previous run.
CREATE INDEX ix_raw_documents_first_seen ON raw_documents (first_seen);
