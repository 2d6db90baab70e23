using Npgsql;

namespace TorMetrics.Domain.RelayCollection;

/// <summary>Loads <see cref="CollectionState"/> from the parsed tables; each query is indexed and bounded by time.</summary>
public sealed class CollectionStateQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The state at <paramref name="now"/>; references older than <paramref name="referenceWindow"/> are no longer fetched.</summary>
    public async Task<CollectionState> LoadAsync(DateTime now, TimeSpan referenceWindow, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var newest = await NewestConsensusAsync(connection, cancellationToken);
        if (newest is null)
        {
            return new CollectionState();
        }

        var (sha256, validAfter, freshUntil, vote, dist) = newest.Value;
        var pending = await ScalarAsync<DateTime?>(connection,
            "SELECT max(valid_after) FROM network_statuses WHERE is_vote AND valid_after > $1", cancellationToken, validAfter);
        var schedule = new VotingSchedule(validAfter, freshUntil, vote, dist, pending);
        var voting = schedule.VotingValidAfter(now);
        var since = now - referenceWindow;
        return new CollectionState
        {
            Schedule = schedule,
            NewestNsValidAfter = await NewestAsync(connection, "ns", cancellationToken),
            NewestMicrodescValidAfter = await NewestAsync(connection, "microdesc", cancellationToken),
            Authorities = await AuthoritiesAsync(connection, sha256, cancellationToken),
            Caches = await CachesAsync(connection, validAfter, cancellationToken),
            VotingValidAfter = voting,
            VotesHeld = (await HexListAsync(connection,
                "SELECT authority_fingerprint FROM network_statuses WHERE is_vote AND valid_after = $1 AND authority_fingerprint IS NOT NULL",
                cancellationToken, voting)).ToHashSet(StringComparer.Ordinal),
            SignaturesHeld = await ScalarAsync<bool>(connection,
                "SELECT EXISTS (SELECT 1 FROM raw_documents WHERE kind = 'detached-signature-3' AND published = $1)", cancellationToken, voting),
            MissingVotes = await PairsAsync(connection, """
                SELECT DISTINCT a.identity, a.vote_digest
                FROM network_statuses c JOIN status_authorities a ON a.status_sha256 = c.document_sha256
                WHERE NOT c.is_vote AND c.valid_after = $1 AND a.vote_digest IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM network_statuses v
                                  WHERE v.is_vote AND v.valid_after = c.valid_after AND v.digest_sha1 = a.vote_digest)
                """, cancellationToken, validAfter),
            MissingServerDescriptors = await HexListAsync(connection, """
                SELECT DISTINCT e.descriptor_digest
                FROM network_statuses s JOIN status_entries e ON e.status_id = s.id
                WHERE s.flavor = 'ns' AND s.valid_after >= $1 AND e.descriptor_digest IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM server_descriptors d WHERE d.digest_sha1 = e.descriptor_digest)
                """, cancellationToken, since),
            MissingExtraInfos = await HexListAsync(connection, """
                SELECT DISTINCT d.extra_info_digest
                FROM network_statuses s JOIN status_entries e ON e.status_id = s.id
                JOIN server_descriptors d ON d.digest_sha1 = e.descriptor_digest
                WHERE s.flavor = 'ns' AND s.valid_after >= $1 AND d.extra_info_digest IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM extra_infos x WHERE x.digest_sha1 = d.extra_info_digest)
                """, cancellationToken, since),
            MissingMicrodescriptors = (await HexListAsync(connection, """
                SELECT DISTINCT e.microdescriptor_digest
                FROM network_statuses s JOIN status_entries e ON e.status_id = s.id
                WHERE s.flavor = 'microdesc' AND NOT s.is_vote AND s.valid_after >= $1 AND e.microdescriptor_digest IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM microdescriptors m WHERE m.document_sha256 = e.microdescriptor_digest)
                """, cancellationToken, since)).Select(h => Convert.ToBase64String(Convert.FromHexString(h)).TrimEnd('=')).ToList(),
            MissingKeyCertificates = await PairsAsync(connection, """
                SELECT DISTINCT g.identity, g.signing_key_digest
                FROM network_statuses s JOIN status_signatures g ON g.status_sha256 = s.document_sha256
                WHERE NOT s.is_vote AND s.valid_after >= $1
                  AND NOT EXISTS (SELECT 1 FROM key_certificates k WHERE k.signing_key_digest = g.signing_key_digest)
                """, cancellationToken, since),
            MissingBandwidthFiles = await PairsAsync(connection, """
                SELECT DISTINCT s.authority_fingerprint, s.bandwidth_file_digest
                FROM network_statuses s
                WHERE s.is_vote AND s.valid_after >= $1 AND s.bandwidth_file_digest IS NOT NULL AND s.authority_fingerprint IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM raw_documents r WHERE r.sha256 = s.bandwidth_file_digest)
                """, cancellationToken, validAfter),
        };
    }

    private static async Task<(byte[] Sha256, DateTime ValidAfter, DateTime FreshUntil, int Vote, int Dist)?> NewestConsensusAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // The ns flavour first: it names the relays' descriptors and their DirPorts.
        await using var command = new NpgsqlCommand("""
            SELECT document_sha256, valid_after, fresh_until, vote_seconds, dist_seconds FROM network_statuses
            WHERE NOT is_vote AND flavor IN ('ns', 'microdesc') AND fresh_until IS NOT NULL
            ORDER BY valid_after DESC, flavor = 'ns' DESC LIMIT 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<DateTime>(1), reader.GetFieldValue<DateTime>(2),
            reader.IsDBNull(3) ? 300 : reader.GetInt32(3), reader.IsDBNull(4) ? 300 : reader.GetInt32(4));
    }

    private static Task<DateTime?> NewestAsync(NpgsqlConnection connection, string flavor, CancellationToken cancellationToken) =>
        ScalarAsync<DateTime?>(connection, "SELECT max(valid_after) FROM network_statuses WHERE NOT is_vote AND flavor = $1", cancellationToken, flavor);

    private static async Task<IReadOnlyList<DirectoryServer>> AuthoritiesAsync(NpgsqlConnection connection, byte[] consensus, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT nickname, address, dir_port, identity FROM status_authorities WHERE status_sha256 = $1 AND dir_port > 0 ORDER BY nickname",
            connection);
        command.Parameters.AddWithValue(consensus);
        var servers = new List<DirectoryServer>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            servers.Add(new DirectoryServer(reader.GetString(0), reader.GetString(1), reader.GetInt32(2),
                Convert.ToHexString(reader.GetFieldValue<byte[]>(3)), IsAuthority: true));
        }

        return servers;
    }

    private static async Task<IReadOnlyList<DirectoryServer>> CachesAsync(NpgsqlConnection connection, DateTime validAfter, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT DISTINCT e.nickname, e.address, e.dir_port
            FROM network_statuses s JOIN status_entries e ON e.status_id = s.id
            WHERE NOT s.is_vote AND s.flavor = 'ns' AND s.valid_after = $1 AND e.dir_port > 0 AND 'V2Dir' = ANY (e.flags)
              AND NOT EXISTS (SELECT 1 FROM status_authorities a WHERE a.status_sha256 = s.document_sha256
                              AND a.address = e.address AND a.dir_port = e.dir_port)
            ORDER BY e.nickname
            """, connection);
        command.Parameters.AddWithValue(validAfter);
        var servers = new List<DirectoryServer>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            servers.Add(new DirectoryServer(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), null, IsAuthority: false));
        }

        return servers;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, object parameter)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(parameter);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default! : (T)value;
    }

    private static async Task<List<string>> HexListAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, object parameter)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(parameter);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(Convert.ToHexString(reader.GetFieldValue<byte[]>(0)));
        }

        return values;
    }

    private static async Task<List<(string, string)>> PairsAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, object parameter)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(parameter);
        var values = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add((Convert.ToHexString(reader.GetFieldValue<byte[]>(0)), Convert.ToHexString(reader.GetFieldValue<byte[]>(1))));
        }

        return values;
    }
}
