-- What the CollecTor follower imported from each URL, as the followed instance's index described the file then.
-- CollecTor rewrites files under the same name (a month's tarball grows until the month ends; a recent file can be
-- replaced), so a URL seen before is fetched again when its index entry changes.
CREATE TABLE collector_followed_files (
    url         text        PRIMARY KEY,
    -- The index's sha256, or its size and last_modified where the index lists no digest.
    version     text        NOT NULL,
    imported_at timestamptz NOT NULL
);
