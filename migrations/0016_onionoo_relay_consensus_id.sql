-- Status entries now reference their status by network_statuses.id (0011); the view of relay consensuses carries it.
CREATE OR REPLACE VIEW onionoo_relay_consensuses AS
SELECT DISTINCT ON (valid_after)
       document_sha256, valid_after, coalesce(fresh_until, valid_after + interval '1 hour') AS fresh_until,
       consensus_method, known_flags, server_versions, bandwidth_weights, id
FROM network_statuses
WHERE NOT is_vote AND flavor IN ('ns', 'microdesc')
ORDER BY valid_after, (flavor = 'ns') DESC, document_sha256;
