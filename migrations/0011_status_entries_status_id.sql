-- Import speed (issue #3: at least 30 MB/s of raw descriptors into PostgreSQL). Three changes, measured with
-- 'tormetrics benchmark import':
--
-- 1. Status entries reference their network status by a bigint id instead of the status document's 32-byte
--    SHA-256. A consensus has about 6 500 entries, so that key is repeated 6 500 times: a smaller key makes each
--    row, the primary key and the reference check cheaper. Joins become status_entries.status_id =
--    network_statuses.id; network_statuses keeps document_sha256 as its primary key.
--
-- 2. The references from the bulk tables (status entries, document sources, and the parsed server descriptors,
--    extra-infos and microdescriptors) are checked once per statement instead of once per row. A foreign key runs
--    one index lookup with its own executor start-up for every inserted row; that was a quarter of the server's
--    work during an import (about 5 us per row, three rows per descriptor). The statement-level checks below see
--    all rows a COPY inserted in one transition table and find a missing parent with one anti-join, which costs
--    a sixth of that. They keep what the foreign keys guaranteed: a row whose parent does not exist is refused
--    (SQLSTATE 23503, as a foreign key would), deleting a parent cascades or is refused as before, a parent's key
--    cannot change, and truncating a parent while it still has children is refused. What they do not do is lock
--    the parent row against a concurrent delete: the archive never deletes these parents, so nothing races.
--    The low-volume references (network statuses, exit lists and torperf results to raw documents, source files
--    to import runs) stay foreign keys.
--
-- 3. extra_infos.statistics lists only the statistics a descriptor reports: a statistic it does not report is an
--    absent key instead of a JSON null (statistics->>'name' is NULL either way). PostgreSQL parses every jsonb
--    value it receives, and the nulls were half of the text. Existing rows are rewritten the same way below.

ALTER TABLE network_statuses ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE network_statuses ADD CONSTRAINT network_statuses_id_key UNIQUE (id);

ALTER TABLE status_entries DROP CONSTRAINT status_entries_status_sha256_fkey;

-- One rewrite of the table converts the column in place: the primary key and every other index are rebuilt with
-- it, and the column keeps its position.
CREATE FUNCTION pg_temp.network_status_id(status_sha256 bytea) RETURNS bigint
    LANGUAGE sql STABLE STRICT
    AS 'SELECT id FROM network_statuses WHERE document_sha256 = status_sha256';
ALTER TABLE status_entries ALTER COLUMN status_sha256 TYPE bigint USING pg_temp.network_status_id(status_sha256);
ALTER TABLE status_entries RENAME COLUMN status_sha256 TO status_id;
DROP FUNCTION pg_temp.network_status_id(bytea);

-- Statement-level reference checks. The checks that run on every import statement are one function per
-- relationship, with static SQL so that PL/pgSQL plans each once per session (a dynamic EXECUTE was planned anew for
-- every COPY). The rarer parent-side triggers take the relationship as arguments: (child table, child column,
-- parent column).

CREATE FUNCTION raise_missing_reference(child_table text, reference text, child_column text, missing text, parent_table text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'insert or update on table "%" violates reference "%"', child_table, reference
        USING ERRCODE = 'foreign_key_violation', TABLE = child_table, CONSTRAINT = reference,
              DETAIL = format('Key (%s)=(%s) is not present in table "%s".', child_column, missing, parent_table);
END $$;

-- After an INSERT or UPDATE of the child: every new row's parent exists.
CREATE FUNCTION status_entries_status_id_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing text;
BEGIN
    SELECT c.status_id::text INTO missing FROM new_rows c
    WHERE NOT EXISTS (SELECT 1 FROM network_statuses p WHERE p.id = c.status_id) LIMIT 1;
    IF missing IS NOT NULL THEN
        PERFORM raise_missing_reference(TG_TABLE_NAME, TG_NAME, 'status_id', missing, 'network_statuses');
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION document_sources_source_file_id_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing text;
BEGIN
    SELECT c.source_file_id::text INTO missing FROM new_rows c
    WHERE NOT EXISTS (SELECT 1 FROM source_files p WHERE p.id = c.source_file_id) LIMIT 1;
    IF missing IS NOT NULL THEN
        PERFORM raise_missing_reference(TG_TABLE_NAME, TG_NAME, 'source_file_id', missing, 'source_files');
    END IF;
    RETURN NULL;
END $$;

-- One function for the four tables that reference raw_documents by a document_sha256 column.
CREATE FUNCTION document_sha256_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing text;
BEGIN
    SELECT c.document_sha256::text INTO missing FROM new_rows c
    WHERE NOT EXISTS (SELECT 1 FROM raw_documents p WHERE p.sha256 = c.document_sha256) LIMIT 1;
    IF missing IS NOT NULL THEN
        PERFORM raise_missing_reference(TG_TABLE_NAME, TG_NAME, 'document_sha256', missing, 'raw_documents');
    END IF;
    RETURN NULL;
END $$;

-- After a DELETE of parents: their children go too (ON DELETE CASCADE).
CREATE FUNCTION reference_cascade_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DELETE FROM %1$I c USING old_rows p WHERE c.%2$I = p.%3$I', TG_ARGV[0], TG_ARGV[1], TG_ARGV[2]);
    RETURN NULL;
END $$;

-- After a DELETE of parents: refused while children still reference them (ON DELETE NO ACTION).
CREATE FUNCTION reference_restrict_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    referenced text;
BEGIN
    EXECUTE format('SELECT p.%3$I::text FROM old_rows p WHERE EXISTS (SELECT 1 FROM %1$I c WHERE c.%2$I = p.%3$I) LIMIT 1',
                   TG_ARGV[0], TG_ARGV[1], TG_ARGV[2])
        INTO referenced;
    IF referenced IS NOT NULL THEN
        RAISE EXCEPTION 'update or delete on table "%" violates reference "%" on table "%"', TG_TABLE_NAME, TG_NAME, TG_ARGV[0]
            USING ERRCODE = 'foreign_key_violation', TABLE = TG_ARGV[0], CONSTRAINT = TG_NAME,
                  DETAIL = format('Key (%s)=(%s) is still referenced from table "%s".', TG_ARGV[2], referenced, TG_ARGV[0]);
    END IF;
    RETURN NULL;
END $$;

-- After a TRUNCATE of the parent (and whatever was truncated with it): refused while the child still has rows.
CREATE FUNCTION reference_restrict_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    has_rows boolean;
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I)', TG_ARGV[0]) INTO has_rows;
    IF has_rows THEN
        RAISE EXCEPTION 'cannot truncate table "%" while table "%" references it', TG_TABLE_NAME, TG_ARGV[0]
            USING ERRCODE = 'feature_not_supported', HINT = format('Truncate table "%s" at the same time.', TG_ARGV[0]);
    END IF;
    RETURN NULL;
END $$;

-- Before an UPDATE that sets a parent's key: the key must stay what the children reference. Argument: key column.
CREATE FUNCTION reference_key_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF to_jsonb(NEW) -> TG_ARGV[0] IS DISTINCT FROM to_jsonb(OLD) -> TG_ARGV[0] THEN
        RAISE EXCEPTION 'the key % of table "%" is referenced and cannot change', TG_ARGV[0], TG_TABLE_NAME
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER raw_documents_sha256_unchanged BEFORE UPDATE OF sha256 ON raw_documents
    FOR EACH ROW EXECUTE FUNCTION reference_key_unchanged('sha256');
CREATE TRIGGER source_files_id_unchanged BEFORE UPDATE OF id ON source_files
    FOR EACH ROW EXECUTE FUNCTION reference_key_unchanged('id');
CREATE TRIGGER network_statuses_id_unchanged BEFORE UPDATE OF id ON network_statuses
    FOR EACH ROW EXECUTE FUNCTION reference_key_unchanged('id');

-- status_entries.status_id -> network_statuses.id, ON DELETE CASCADE
CREATE TRIGGER status_entries_status_id_insert AFTER INSERT ON status_entries REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION status_entries_status_id_check();
CREATE TRIGGER status_entries_status_id_update AFTER UPDATE ON status_entries REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION status_entries_status_id_check();
CREATE TRIGGER status_entries_status_id_delete AFTER DELETE ON network_statuses REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reference_cascade_delete('status_entries', 'status_id', 'id');
CREATE TRIGGER status_entries_status_id_truncate AFTER TRUNCATE ON network_statuses
    FOR EACH STATEMENT EXECUTE FUNCTION reference_restrict_truncate('status_entries');

-- document_sources.source_file_id -> source_files.id, ON DELETE CASCADE
ALTER TABLE document_sources DROP CONSTRAINT document_sources_source_file_id_fkey;
CREATE TRIGGER document_sources_source_file_id_insert AFTER INSERT ON document_sources REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION document_sources_source_file_id_check();
CREATE TRIGGER document_sources_source_file_id_update AFTER UPDATE ON document_sources REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION document_sources_source_file_id_check();
CREATE TRIGGER document_sources_source_file_id_delete AFTER DELETE ON source_files REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reference_cascade_delete('document_sources', 'source_file_id', 'id');
CREATE TRIGGER document_sources_source_file_id_truncate AFTER TRUNCATE ON source_files
    FOR EACH STATEMENT EXECUTE FUNCTION reference_restrict_truncate('document_sources');

-- document_sources.document_sha256 -> raw_documents.sha256
ALTER TABLE document_sources DROP CONSTRAINT document_sources_document_sha256_fkey;
CREATE TRIGGER document_sources_document_sha256_insert AFTER INSERT ON document_sources REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION document_sha256_check();
CREATE TRIGGER document_sources_document_sha256_update AFTER UPDATE ON document_sources REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION document_sha256_check();
CREATE TRIGGER document_sources_document_sha256_delete AFTER DELETE ON raw_documents REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reference_restrict_delete('document_sources', 'document_sha256', 'sha256');
CREATE TRIGGER document_sources_document_sha256_truncate AFTER TRUNCATE ON raw_documents
    FOR EACH STATEMENT EXECUTE FUNCTION reference_restrict_truncate('document_sources');

-- server_descriptors.document_sha256 -> raw_documents.sha256
ALTER TABLE server_descriptors DROP CONSTRAINT server_descriptors_document_sha256_fkey;
CREATE TRIGGER server_descriptors_document_sha256_insert AFTER INSERT ON server_descriptors REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION document_sha256_check();
CREATE TRIGGER server_descriptors_document_sha256_update AFTER UPDATE ON server_descriptors REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION document_sha256_check();
CREATE TRIGGER server_descriptors_document_sha256_delete AFTER DELETE ON raw_documents REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reference_restrict_delete('server_descriptors', 'document_sha256', 'sha256');
CREATE TRIGGER server_descriptors_document_sha256_truncate AFTER TRUNCATE ON raw_documents
    FOR EACH STATEMENT EXECUTE FUNCTION reference_restrict_truncate('server_descriptors');

-- extra_infos.document_sha256 -> raw_documents.sha256
ALTER TABLE extra_infos DROP CONSTRAINT extra_infos_document_sha256_fkey;
CREATE TRIGGER extra_infos_document_sha256_insert AFTER INSERT ON extra_infos REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION document_sha256_check();
CREATE TRIGGER extra_infos_document_sha256_update AFTER UPDATE ON extra_infos REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION document_sha256_check();
CREATE TRIGGER extra_infos_document_sha256_delete AFTER DELETE ON raw_documents REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reference_restrict_delete('extra_infos', 'document_sha256', 'sha256');
CREATE TRIGGER extra_infos_document_sha256_truncate AFTER TRUNCATE ON raw_documents
    FOR EACH STATEMENT EXECUTE FUNCTION reference_restrict_truncate('extra_infos');

-- microdescriptors.document_sha256 -> raw_documents.sha256
ALTER TABLE microdescriptors DROP CONSTRAINT microdescriptors_document_sha256_fkey;
CREATE TRIGGER microdescriptors_document_sha256_insert AFTER INSERT ON microdescriptors REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION document_sha256_check();
CREATE TRIGGER microdescriptors_document_sha256_update AFTER UPDATE ON microdescriptors REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION document_sha256_check();
CREATE TRIGGER microdescriptors_document_sha256_delete AFTER DELETE ON raw_documents REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reference_restrict_delete('microdescriptors', 'document_sha256', 'sha256');
CREATE TRIGGER microdescriptors_document_sha256_truncate AFTER TRUNCATE ON raw_documents
    FOR EACH STATEMENT EXECUTE FUNCTION reference_restrict_truncate('microdescriptors');

-- extra_infos.statistics without null members (3. above).
UPDATE extra_infos
SET statistics = (SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb)
                  FROM jsonb_each(statistics) WHERE jsonb_typeof(value) <> 'null')
WHERE EXISTS (SELECT 1 FROM jsonb_each(statistics) WHERE jsonb_typeof(value) = 'null');
