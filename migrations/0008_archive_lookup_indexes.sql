-- Digest lookups go through the parsed tables (server_descriptors.digest_sha1, extra_infos.digest_sha1), and a
-- microdescriptor's or bandwidth file's SHA-256 digest is the raw document's own key: the archive's two digest
-- indexes only cost two index insertions per imported document.
DROP INDEX ix_raw_documents_kind_digest_sha1;
DROP INDEX ix_raw_documents_kind_digest_sha256;
