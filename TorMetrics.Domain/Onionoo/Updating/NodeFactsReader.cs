using Npgsql;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.BridgePoolAssignments;

namespace TorMetrics.Domain.Onionoo.Updating;

/// <summary>Reads, for one snapshot time, every served node's facts with one query per node kind.</summary>
public static class NodeFactsReader
{
    public static async Task<SnapshotTimes> ReadTimesAsync(NpgsqlConnection connection, DateOnly? asOf, DateTime now, CancellationToken ct)
    {
        var until = asOf is { } day ? day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(1) : now;
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT max(valid_after) FROM onionoo_relay_consensuses WHERE valid_after < $1),
                   (SELECT max(valid_after) FROM network_statuses WHERE flavor = 'bridge' AND valid_after < $1)
            """, connection);
        // Live snapshots take the newest status whatever its time (a clock behind the authorities must not hide it).
        command.Parameters.AddWithValue(asOf is null ? SnapshotTimes.Forever : until);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new SnapshotTimes(
            reader.IsDBNull(0) ? null : reader.GetDateTime(0),
            reader.IsDBNull(1) ? null : reader.GetDateTime(1),
            asOf is null ? SnapshotTimes.Forever : until);
    }

    public static async Task<IReadOnlyList<string>> ReadServerVersionsAsync(NpgsqlConnection connection, SnapshotTimes times, CancellationToken ct)
    {
        if (times.RelaysPublished is null)
        {
            return [];
        }

        await using var command = new NpgsqlCommand(
            "SELECT server_versions FROM onionoo_relay_consensuses WHERE valid_after = $1", connection);
        command.Parameters.AddWithValue(times.RelaysPublished.Value);
        return await command.ExecuteScalarAsync(ct) as string[] ?? [];
    }

    /// <summary>
    /// The newest bridge pool assignment by then, as hashed fingerprint → entry. Archives imported before pool
    /// assignments had a published time are ordered by when we first saw them.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, BridgePoolAssignmentEntry>> ReadBridgePoolAsync(
        NpgsqlConnection connection, SnapshotTimes times, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT content FROM raw_documents
            WHERE kind = 'bridge-pool-assignment' AND parse_status = 'Parsed' AND coalesce(published, first_seen) <= $1
            ORDER BY coalesce(published, first_seen) DESC LIMIT 1
            """, connection);
        command.Parameters.AddWithValue(times.DescriptorsUntil);
        if (await command.ExecuteScalarAsync(ct) is not byte[] content)
        {
            return new Dictionary<string, BridgePoolAssignmentEntry>();
        }

        var assignment = DescriptorFileParser.Parse(content, DescriptorKind.BridgePoolAssignment).OfType<BridgePoolAssignment>().FirstOrDefault();
        return assignment?.Entries
            .GroupBy(e => e.HashedFingerprint.ToUpperInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
            ?? new Dictionary<string, BridgePoolAssignmentEntry>();
    }

    public static async Task<List<NodeFacts>> ReadRelaysAsync(NpgsqlConnection connection, SnapshotTimes times, CancellationToken ct)
    {
        var facts = new List<NodeFacts>();
        if (times.RelaysPublished is null)
        {
            return facts;
        }

        await using var command = new NpgsqlCommand(RelaysSql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue(times.RelaysPublished.Value);
        command.Parameters.AddWithValue(times.ServedSince);
        command.Parameters.AddWithValue(times.DescriptorsUntil);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            facts.Add(new NodeFacts
            {
                IsBridge = false,
                Fingerprint = (byte[])reader[0],
                FirstSeen = reader.GetDateTime(1),
                LastSeen = reader.GetDateTime(2),
                Nickname = reader.GetString(3),
                Address = reader.GetString(4),
                OrPort = reader.GetInt32(5),
                DirPort = reader.GetInt32(6),
                OrAddresses = (string[])reader[7],
                Flags = (string[])reader[8],
                VersionLine = Nullable<string>(reader, 9),
                ConsensusWeight = reader.IsDBNull(10) ? null : reader.GetInt64(10),
                Unmeasured = reader.GetBoolean(11),
                ConsensusMethod = reader.IsDBNull(12) ? null : reader.GetInt32(12),
                ExitPolicySummary = Nullable<string>(reader, 13),
                Platform = Nullable<string>(reader, 14),
                BandwidthRate = reader.IsDBNull(15) ? null : reader.GetInt64(15),
                BandwidthBurst = reader.IsDBNull(16) ? null : reader.GetInt64(16),
                BandwidthObserved = reader.IsDBNull(17) ? null : reader.GetInt64(17),
                DescriptorPublished = reader.IsDBNull(18) ? null : reader.GetDateTime(18),
                Uptime = reader.IsDBNull(19) ? null : reader.GetInt64(19),
                Hibernating = !reader.IsDBNull(20) && reader.GetBoolean(20),
                Contact = Nullable<string>(reader, 21),
                DeclaredFamily = Nullable<string[]>(reader, 22),
                ExitPolicy = Nullable<string[]>(reader, 23),
                Ipv6Policy = Nullable<string>(reader, 24),
                OverloadGeneralSince = reader.IsDBNull(25) ? null : reader.GetDateTime(25),
                DescriptorOrAddresses = Nullable<string[]>(reader, 26),
                LastChangedAddressOrPort = reader.IsDBNull(27) ? null : reader.GetDateTime(27),
                ConsensusWeightFraction = reader.IsDBNull(28) ? null : reader.GetFloat(28),
                GuardProbability = reader.IsDBNull(29) ? null : reader.GetFloat(29),
                MiddleProbability = reader.IsDBNull(30) ? null : reader.GetFloat(30),
                ExitProbability = reader.IsDBNull(31) ? null : reader.GetFloat(31),
                ExitAddresses = (string[])reader[32],
                OverloadRatelimits = Nullable<string>(reader, 33),
                OverloadFdExhausted = Nullable<string>(reader, 34),
            });
        }

        return facts;
    }

    public static async Task<List<NodeFacts>> ReadBridgesAsync(NpgsqlConnection connection, SnapshotTimes times, CancellationToken ct)
    {
        var facts = new List<NodeFacts>();
        if (times.BridgesPublished is null)
        {
            return facts;
        }

        await using var command = new NpgsqlCommand(BridgesSql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue(times.BridgesPublished.Value);
        command.Parameters.AddWithValue(times.ServedSince);
        command.Parameters.AddWithValue(times.DescriptorsUntil);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            facts.Add(new NodeFacts
            {
                IsBridge = true,
                Fingerprint = (byte[])reader[0],
                FirstSeen = reader.GetDateTime(1),
                LastSeen = reader.GetDateTime(2),
                Nickname = reader.GetString(3),
                Address = reader.GetString(4),
                OrPort = reader.GetInt32(5),
                OrAddresses = (string[])reader[6],
                Flags = (string[])reader[7],
                Platform = Nullable<string>(reader, 8),
                BandwidthRate = reader.IsDBNull(9) ? null : reader.GetInt64(9),
                BandwidthBurst = reader.IsDBNull(10) ? null : reader.GetInt64(10),
                BandwidthObserved = reader.IsDBNull(11) ? null : reader.GetInt64(11),
                DescriptorPublished = reader.IsDBNull(12) ? null : reader.GetDateTime(12),
                Uptime = reader.IsDBNull(13) ? null : reader.GetInt64(13),
                Contact = Nullable<string>(reader, 14),
                OverloadGeneralSince = reader.IsDBNull(15) ? null : reader.GetDateTime(15),
                Transports = Nullable<string[]>(reader, 16) ?? [],
                OverloadRatelimits = Nullable<string>(reader, 17),
                OverloadFdExhausted = Nullable<string>(reader, 18),
            });
        }

        return facts;
    }

    private static T? Nullable<T>(NpgsqlDataReader reader, int ordinal) where T : class =>
        reader.IsDBNull(ordinal) ? null : (T)reader.GetValue(ordinal);

    // $1 newest relay consensus, $2 served-since, $3 descriptors published until.
    private const string RelaysSql = """
        SELECT n.fingerprint, n.first_seen, le.valid_after, le.nickname, le.address, le.or_port, le.dir_port, le.or_addresses,
               le.flags, le.version, le.bandwidth, le.unmeasured, le.consensus_method,
               -- Microdesc consensuses carry no "p" line; the summary is in the referenced microdescriptor.
               coalesce(le.exit_policy_summary,
                        (SELECT m.exit_policy_summary FROM microdescriptors m WHERE m.document_sha256 = le.microdescriptor_digest)),
               sd.platform, sd.bandwidth_average, sd.bandwidth_burst, sd.bandwidth_observed, sd.published, sd.uptime,
               sd.hibernating, sd.contact, sd.family, sd.exit_policy, sd.ipv6_policy, sd.overload_general_since, sd.or_addresses,
               (SELECT max(ac.changed_at) FROM onionoo_address_changes ac
                WHERE ac.fingerprint = n.fingerprint AND ac.changed_at <= $1),
               w.consensus_weight_fraction, w.guard_probability, w.middle_probability, w.exit_probability,
               array(SELECT DISTINCT x.exit_address FROM exit_list_entries x
                     WHERE x.fingerprint = n.fingerprint AND x.scanned > least($1 + interval '1 hour', $3) - interval '24 hours'
                       AND x.scanned <= $3
                     ORDER BY 1),
               xi.statistics->>'overloadRatelimits', xi.statistics->>'overloadFdExhausted'
        FROM onionoo_nodes n
        CROSS JOIN LATERAL (
            SELECT e.*, s.consensus_method
            FROM status_entries e JOIN network_statuses s ON s.id = e.status_id
            WHERE e.fingerprint = n.fingerprint AND e.valid_after <= $1 AND e.valid_after >= $2
              AND NOT s.is_vote AND s.flavor IN ('ns', 'microdesc')
            ORDER BY e.valid_after DESC, s.flavor = 'ns' DESC
            LIMIT 1) le
        LEFT JOIN LATERAL (
            SELECT * FROM server_descriptors d
            WHERE d.fingerprint = n.fingerprint AND NOT d.is_bridge AND d.published <= $3
            ORDER BY d.published DESC LIMIT 1) sd ON true
        LEFT JOIN LATERAL (
            SELECT x.statistics FROM extra_infos x
            WHERE x.fingerprint = n.fingerprint AND NOT x.is_bridge AND x.published <= $3
            ORDER BY x.published DESC LIMIT 1) xi ON true
        LEFT JOIN onionoo_weights w ON w.fingerprint = n.fingerprint AND w.valid_after = le.valid_after
        WHERE NOT n.is_bridge AND n.first_seen <= $1 AND n.last_seen >= $2
        """;

    // $1 newest bridge status, $2 served-since, $3 descriptors published until.
    private const string BridgesSql = """
        SELECT n.fingerprint, n.first_seen, le.valid_after, le.nickname, le.address, le.or_port, le.or_addresses, le.flags,
               sd.platform, sd.bandwidth_average, sd.bandwidth_burst, sd.bandwidth_observed, sd.published, sd.uptime,
               sd.contact, sd.overload_general_since,
               xi.transports, xi.statistics->>'overloadRatelimits', xi.statistics->>'overloadFdExhausted'
        FROM onionoo_nodes n
        CROSS JOIN LATERAL (
            SELECT e.* FROM status_entries e JOIN network_statuses s ON s.id = e.status_id
            WHERE e.fingerprint = n.fingerprint AND e.valid_after <= $1 AND e.valid_after >= $2 AND s.flavor = 'bridge'
            ORDER BY e.valid_after DESC LIMIT 1) le
        LEFT JOIN LATERAL (
            SELECT * FROM server_descriptors d
            WHERE d.fingerprint = n.fingerprint AND d.is_bridge AND d.published <= $3
            ORDER BY d.published DESC LIMIT 1) sd ON true
        LEFT JOIN LATERAL (
            SELECT x.transports, x.statistics FROM extra_infos x
            WHERE x.fingerprint = n.fingerprint AND x.is_bridge AND x.published <= $3
            ORDER BY x.published DESC LIMIT 1) xi ON true
        WHERE n.is_bridge AND n.first_seen <= $1 AND n.last_seen >= $2
        """;
}
