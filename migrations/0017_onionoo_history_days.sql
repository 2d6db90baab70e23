-- Graph-ready weights and bandwidth histories: one row per node and UTC day with a slot per hour.
--
-- The snapshot builder needs every served node's history grouped by node. The interval tables (onionoo_weights:
-- one row per relay per consensus; onionoo_bandwidth: one row per reported interval) are stored in arrival order,
-- so reading them by node either sorts millions of rows or fetches one page per row. Here a relay's day of weights
-- is one row of 24 slots, 24 times fewer rows, and in the order the builder reads them.
--
-- Each slot holds how many seconds of that hour the intervals cover and their time-weighted average value (NaN
-- where no interval has one). The 24 slots of a column are packed into a bytea in PostgreSQL's binary send format
-- (big-endian int4send, float4send or float8send, slot 0 first): the builder reads hundreds of thousands of these
-- rows, and sending a bytea is a copy where sending an array encodes every element. Every
-- graph point is a whole number of hours, so a slot always falls into one point and the point sums come out as from
-- the intervals themselves. Intervals longer than the shortest graph point (4 hours for weights, a day for
-- bandwidth) are left out, as the graphs would skip them. The interval tables stay the source of truth: the
-- updater rebuilds the days its new intervals touch from them, and fills these tables on its first run after this
-- migration.

CREATE TABLE onionoo_weight_days (
    fingerprint               bytea     NOT NULL,
    day                       date      NOT NULL,
    covered                   bytea     NOT NULL, -- int4 seconds per slot
    consensus_weight_fraction bytea     NOT NULL, -- float4 per slot, as the other weights columns
    guard_probability         bytea     NOT NULL,
    middle_probability        bytea     NOT NULL,
    exit_probability          bytea     NOT NULL,
    consensus_weight          bytea     NOT NULL,
    PRIMARY KEY (fingerprint, day)
);

CREATE TABLE onionoo_bandwidth_days (
    is_bridge        boolean            NOT NULL,
    fingerprint      bytea              NOT NULL,
    direction        "char"             NOT NULL CHECK (direction IN ('r', 'w')),
    day              date               NOT NULL,
    covered          bytea              NOT NULL, -- int4 seconds per slot
    bytes_per_second bytea              NOT NULL, -- float8 per slot
    PRIMARY KEY (is_bridge, fingerprint, direction, day)
);
