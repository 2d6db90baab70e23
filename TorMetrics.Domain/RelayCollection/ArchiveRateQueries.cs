using Npgsql;

namespace TorMetrics.Domain.RelayCollection;

/// <summary>
/// The archive rate, computed from the parsed tables: per consensus period, every document the period's consensuses
/// and votes reference (votes, server descriptors, then the extra-infos those name, microdescriptors, signing-key
/// certificates, bandwidth files) against what the archive holds, plus the consensuses and detached signatures the
/// voting schedule promises. Periods with nothing archived at all are found as gaps in the schedule.
/// </summary>
public sealed class ArchiveRateQueries(NpgsqlDataSource dataSource)
{
    public const string Consensus = "network-status-consensus-3";
    public const string MicrodescConsensus = "network-status-microdesc-consensus-3";
    public const string Vote = "network-status-vote-3";
    public const string DetachedSignature = "detached-signature-3";
    public const string ServerDescriptor = "server-descriptor";
    public const string ExtraInfo = "extra-info";
    public const string Microdescriptor = "microdescriptor";
    public const string KeyCertificate = "dir-key-certificate-3";
    public const string BandwidthFile = "bandwidth-file";

    private static readonly string[] Kinds =
        [Consensus, MicrodescConsensus, Vote, DetachedSignature, ServerDescriptor, ExtraInfo, Microdescriptor, KeyCertificate, BandwidthFile];

    public static int KindOrder(string kind) => Array.IndexOf(Kinds, kind);

    // Every reference of the periods' statuses, with whether its target is archived.
    private const string References = """
        WITH s AS (
            SELECT id, document_sha256, valid_after, flavor, is_vote, bandwidth_file_digest FROM network_statuses
            WHERE flavor IN ('ns', 'microdesc') AND valid_after BETWEEN $1 AND $2),
        servers AS (
            SELECT DISTINCT s.valid_after, e.descriptor_digest AS digest
            FROM s JOIN status_entries e ON e.status_id = s.id
            WHERE s.flavor = 'ns' AND e.descriptor_digest IS NOT NULL),
        server_refs AS (
            SELECT r.valid_after, r.digest, d.digest_sha1 IS NOT NULL AS archived, d.extra_info_digest
            FROM servers r LEFT JOIN LATERAL (
                SELECT digest_sha1, extra_info_digest FROM server_descriptors WHERE digest_sha1 = r.digest LIMIT 1) d ON true),
        refs AS (
            SELECT DISTINCT c.valid_after, 'network-status-vote-3' AS kind, a.vote_digest AS digest,
                   EXISTS (SELECT 1 FROM network_statuses v
                           WHERE v.is_vote AND v.valid_after = c.valid_after AND v.digest_sha1 = a.vote_digest) AS archived
            FROM s c JOIN status_authorities a ON a.status_sha256 = c.document_sha256
            WHERE NOT c.is_vote AND a.vote_digest IS NOT NULL
            UNION ALL
            SELECT valid_after, 'server-descriptor', digest, archived FROM server_refs
            UNION ALL
            SELECT DISTINCT valid_after, 'extra-info', extra_info_digest,
                   EXISTS (SELECT 1 FROM extra_infos x WHERE x.digest_sha1 = server_refs.extra_info_digest)
            FROM server_refs WHERE extra_info_digest IS NOT NULL
            UNION ALL
            SELECT DISTINCT s.valid_after, 'microdescriptor', e.microdescriptor_digest,
                   EXISTS (SELECT 1 FROM microdescriptors m WHERE m.document_sha256 = e.microdescriptor_digest)
            FROM s JOIN status_entries e ON e.status_id = s.id
            WHERE s.flavor = 'microdesc' AND NOT s.is_vote AND e.microdescriptor_digest IS NOT NULL
            UNION ALL
            SELECT DISTINCT s.valid_after, 'dir-key-certificate-3', g.signing_key_digest,
                   EXISTS (SELECT 1 FROM key_certificates k WHERE k.signing_key_digest = g.signing_key_digest)
            FROM s JOIN status_signatures g ON g.status_sha256 = s.document_sha256
            WHERE NOT s.is_vote
            UNION ALL
            SELECT DISTINCT s.valid_after, 'bandwidth-file', s.bandwidth_file_digest,
                   EXISTS (SELECT 1 FROM raw_documents r WHERE r.sha256 = s.bandwidth_file_digest)
            FROM s WHERE s.is_vote AND s.bandwidth_file_digest IS NOT NULL)
        """;

    /// <summary>The newest archived consensus of either flavour: (valid-after, fresh-until, valid-until), or null.</summary>
    public async Task<(DateTime ValidAfter, DateTime FreshUntil, DateTime ValidUntil)?> NewestConsensusAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT valid_after, fresh_until, valid_until FROM network_statuses
            WHERE NOT is_vote AND flavor IN ('ns', 'microdesc') AND fresh_until IS NOT NULL AND valid_until IS NOT NULL
            ORDER BY valid_after DESC LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (reader.GetFieldValue<DateTime>(0), reader.GetFieldValue<DateTime>(1), reader.GetFieldValue<DateTime>(2));
    }

    /// <summary>Periods with valid-after in [<paramref name="from"/>, <paramref name="to"/>], oldest first.</summary>
    public async Task<IReadOnlyList<ArchiveRatePeriod>> PeriodsAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var consensuses = await ConsensusesAsync(connection, from, to, cancellationToken);
        var signatures = await SignedPeriodsAsync(connection, from, to, cancellationToken);
        var counts = new Dictionary<DateTime, List<ArchiveRateCount>>();
        await using (var command = new NpgsqlCommand(References +
            " SELECT valid_after, kind, count(*), count(*) FILTER (WHERE archived) FROM refs GROUP BY valid_after, kind", connection))
        {
            command.Parameters.AddWithValue(from);
            command.Parameters.AddWithValue(to);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var validAfter = reader.GetFieldValue<DateTime>(0);
                if (!counts.TryGetValue(validAfter, out var list))
                {
                    counts[validAfter] = list = [];
                }

                list.Add(new ArchiveRateCount(reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
            }
        }

        var periods = new List<ArchiveRatePeriod>();
        foreach (var validAfter in Schedule(consensuses, signatures))
        {
            consensuses.TryGetValue(validAfter, out var consensus);
            var kinds = new List<ArchiveRateCount>
            {
                new(Consensus, 1, consensus?.NsArchived is null ? 0 : 1),
                new(MicrodescConsensus, 1, consensus?.MicrodescArchived is null ? 0 : 1),
                new(DetachedSignature, 1, signatures.Contains(validAfter) ? 1 : 0),
            };
            kinds.AddRange(counts.GetValueOrDefault(validAfter) ?? []);
            periods.Add(new ArchiveRatePeriod(validAfter, kinds.OrderBy(k => KindOrder(k.Kind)).ToList(),
                consensus?.NsArchived - validAfter, consensus?.MicrodescArchived - validAfter));
        }

        return periods;
    }

    /// <summary>Referenced documents the archive lacks, newest period first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<MissingDocument>> MissingAsync(DateTime from, DateTime to, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var missing = new List<MissingDocument>();
        var consensuses = await ConsensusesAsync(connection, from, to, cancellationToken);
        var signatures = await SignedPeriodsAsync(connection, from, to, cancellationToken);
        foreach (var validAfter in Schedule(consensuses, signatures).Reverse())
        {
            consensuses.TryGetValue(validAfter, out var consensus);
            if (consensus?.NsArchived is null)
            {
                missing.Add(new MissingDocument(validAfter, Consensus, ""));
            }

            if (consensus?.MicrodescArchived is null)
            {
                missing.Add(new MissingDocument(validAfter, MicrodescConsensus, ""));
            }

            if (!signatures.Contains(validAfter))
            {
                missing.Add(new MissingDocument(validAfter, DetachedSignature, ""));
            }
        }

        await using var command = new NpgsqlCommand(References +
            " SELECT valid_after, kind, digest FROM refs WHERE NOT archived ORDER BY valid_after DESC, kind, digest LIMIT $3", connection);
        command.Parameters.AddWithValue(from);
        command.Parameters.AddWithValue(to);
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var kind = reader.GetString(1);
            var digest = reader.GetFieldValue<byte[]>(2);
            missing.Add(new MissingDocument(reader.GetFieldValue<DateTime>(0), kind,
                kind == Microdescriptor ? Convert.ToBase64String(digest).TrimEnd('=') : Convert.ToHexString(digest)));
        }

        return missing.OrderByDescending(m => m.ValidAfter).ThenBy(m => KindOrder(m.Kind)).Take(limit).ToList();
    }

    /// <summary>
    /// The periods to judge: every valid-after something was archived for, plus the schedule's periods in between
    /// (multiples of the interval, as tor aligns them) for which nothing arrived at all.
    /// </summary>
    private static IEnumerable<DateTime> Schedule(Dictionary<DateTime, ConsensusFacts> consensuses, HashSet<DateTime> signatures)
    {
        var seen = consensuses.Keys.Concat(signatures).Distinct().Order().ToList();
        var periods = new SortedSet<DateTime>(seen);
        for (var i = 0; i + 1 < seen.Count; i++)
        {
            var interval = consensuses.TryGetValue(seen[i], out var facts) ? facts.Interval : TimeSpan.Zero;
            if (interval <= TimeSpan.Zero)
            {
                continue;
            }

            for (var t = seen[i] + interval; t < seen[i + 1]; t += interval)
            {
                if (new DateTimeOffset(t).ToUnixTimeSeconds() % (long)interval.TotalSeconds == 0)
                {
                    periods.Add(t);
                }
            }
        }

        return periods;
    }

    private static async Task<Dictionary<DateTime, ConsensusFacts>> ConsensusesAsync(
        NpgsqlConnection connection, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT s.valid_after,
                   min(r.first_seen) FILTER (WHERE s.flavor = 'ns'),
                   min(r.first_seen) FILTER (WHERE s.flavor = 'microdesc'),
                   max(s.fresh_until - s.valid_after)
            FROM network_statuses s JOIN raw_documents r ON r.sha256 = s.document_sha256
            WHERE NOT s.is_vote AND s.flavor IN ('ns', 'microdesc') AND s.valid_after BETWEEN $1 AND $2
            GROUP BY s.valid_after
            """, connection);
        command.Parameters.AddWithValue(from);
        command.Parameters.AddWithValue(to);
        var facts = new Dictionary<DateTime, ConsensusFacts>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            facts[reader.GetFieldValue<DateTime>(0)] = new ConsensusFacts(
                reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTime>(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTime>(2),
                reader.IsDBNull(3) ? TimeSpan.Zero : reader.GetFieldValue<TimeSpan>(3));
        }

        return facts;
    }

    private static async Task<HashSet<DateTime>> SignedPeriodsAsync(NpgsqlConnection connection, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT published FROM raw_documents WHERE kind = 'detached-signature-3' AND published BETWEEN $1 AND $2", connection);
        command.Parameters.AddWithValue(from);
        command.Parameters.AddWithValue(to);
        var periods = new HashSet<DateTime>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            periods.Add(reader.GetFieldValue<DateTime>(0));
        }

        return periods;
    }

    /// <summary>When each flavour was first archived, and the period's interval.</summary>
    private sealed record ConsensusFacts(DateTime? NsArchived, DateTime? MicrodescArchived, TimeSpan Interval);
}
