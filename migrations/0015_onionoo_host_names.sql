-- Reverse DNS of relays' primary IPv4 addresses for Onionoo's verified_host_names and unverified_host_names,
-- written by the resolve-host-names job. A row with an error has no names and is looked up again on the next run.
CREATE TABLE onionoo_host_names (
    address               inet        PRIMARY KEY,
    verified_host_names   text[]      NOT NULL,
    unverified_host_names text[]      NOT NULL,
    looked_up_at          timestamptz NOT NULL,
    error                 text        NULL
);
CREATE INDEX ix_onionoo_host_names_looked_up_at ON onionoo_host_names (looked_up_at);
