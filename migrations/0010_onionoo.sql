-- Onionoo: history aggregates the updater keeps incrementally (so an update after a new consensus reads only what
-- is new), and the documents it publishes per generation for the web service to hold in memory.

-- The relay consensus of each valid-after hour: the ns flavour when we hold it, else the microdesc flavour.
CREATE VIEW onionoo_relay_consensuses AS
SELECT DISTINCT ON (valid_after)
       document_sha256, valid_after, coalesce(fresh_until, valid_after + interval '1 hour') AS fresh_until,
       consensus_method, known_flags, server_versions, bandwidth_weights
FROM network_statuses
WHERE NOT is_vote AND flavor IN ('ns', 'microdesc')
ORDER BY valid_after, (flavor = 'ns') DESC, document_sha256;

-- Statuses and extra-info descriptors already folded into the aggregates below.
CREATE TABLE onionoo_processed_documents (
    document_sha256 bytea       PRIMARY KEY,
    processed_at    timestamptz NOT NULL
);

-- First and last time each node was listed, over the instance's lifetime (never pruned, as upstream).
-- Relays are keyed by fingerprint, bridges by the hashed fingerprint their sanitised statuses carry.
CREATE TABLE onionoo_nodes (
    is_bridge   boolean     NOT NULL,
    fingerprint bytea       NOT NULL,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    PRIMARY KEY (is_bridge, fingerprint)
);
CREATE INDEX ix_onionoo_nodes_last_seen ON onionoo_nodes (is_bridge, last_seen);

-- Times a relay stopped announcing an address or port that its previous listing had (last_changed_address_or_port).
CREATE TABLE onionoo_address_changes (
    fingerprint bytea       NOT NULL,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (fingerprint, changed_at)
);

-- Uptime per node and UTC day: bit h of hours is set when the node was listed in a status for hour h.
-- flag = '' is the listing itself; other rows are the hours it held that flag.
CREATE TABLE onionoo_uptime (
    is_bridge   boolean NOT NULL,
    fingerprint bytea   NOT NULL,
    flag        text    NOT NULL,
    day         date    NOT NULL,
    hours       integer NOT NULL,
    PRIMARY KEY (is_bridge, fingerprint, flag, day)
);

-- Hours for which we hold a status at all (flag = ''), and hours whose status knew a flag.
CREATE TABLE onionoo_status_hours (
    is_bridge boolean NOT NULL,
    flag      text    NOT NULL,
    day       date    NOT NULL,
    hours     integer NOT NULL,
    PRIMARY KEY (is_bridge, flag, day)
);

-- Path-selection weights per relay and consensus (valid-after to fresh-until).
CREATE TABLE onionoo_weights (
    fingerprint               bytea       NOT NULL,
    valid_after               timestamptz NOT NULL,
    fresh_until               timestamptz NOT NULL,
    consensus_weight          bigint      NOT NULL,
    consensus_weight_fraction real        NOT NULL,
    guard_probability         real        NULL,
    middle_probability        real        NULL,
    exit_probability          real        NULL,
    PRIMARY KEY (fingerprint, valid_after)
);
CREATE INDEX ix_onionoo_weights_valid_after ON onionoo_weights (valid_after);

-- Read and written bytes per reported history interval, from extra-info descriptors (relays and bridges).
CREATE TABLE onionoo_bandwidth (
    is_bridge    boolean     NOT NULL,
    fingerprint  bytea       NOT NULL,
    direction    "char"      NOT NULL CHECK (direction IN ('r', 'w')),
    interval_end timestamptz NOT NULL,
    seconds      integer     NOT NULL,
    bytes        bigint      NOT NULL,
    PRIMARY KEY (is_bridge, fingerprint, direction, interval_end)
);

-- Bridge client estimates per 24-hour dirreq-stats interval: (dirreq-v3-resp ok - 4) / 10.
CREATE TABLE onionoo_clients (
    fingerprint  bytea            NOT NULL,
    interval_end timestamptz      NOT NULL,
    seconds      integer          NOT NULL,
    clients      double precision NOT NULL,
    PRIMARY KEY (fingerprint, interval_end)
);

-- One row per published set of documents. The web service serves the newest published generation; the updater
-- deletes older ones once a newer one is published.
CREATE TABLE onionoo_generations (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    built_at          timestamptz NOT NULL,
    relays_published  timestamptz NULL,
    bridges_published timestamptz NULL,
    relays            integer     NOT NULL,
    bridges           integer     NOT NULL,
    duration_ms       integer     NOT NULL,
    published         boolean     NOT NULL DEFAULT false
);

-- Every served node's documents, pre-rendered JSON, and the attributes the query engine filters on.
CREATE TABLE onionoo_documents (
    generation_id bigint  NOT NULL REFERENCES onionoo_generations (id) ON DELETE CASCADE,
    is_bridge     boolean NOT NULL,
    fingerprint   text    NOT NULL,
    node          bytea   NOT NULL,
    PRIMARY KEY (generation_id, is_bridge, fingerprint)
);
ALTER TABLE onionoo_documents ALTER COLUMN node SET COMPRESSION lz4;

-- Tell listeners (the updater's trigger) that statuses arrived; delivered when the importing transaction commits.
CREATE FUNCTION notify_network_statuses_imported() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('network_statuses_imported', '');
    RETURN NULL;
END $$;
CREATE TRIGGER tr_network_statuses_imported AFTER INSERT ON network_statuses
    FOR EACH STATEMENT EXECUTE FUNCTION notify_network_statuses_imported();
