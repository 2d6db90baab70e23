using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using TorMetrics.Domain.CollecTor.Layout;
using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Domain.CollecTor.Publishing;

/// <summary>
/// Gives every document a run has not placed yet its entries in the archive tarballs and, when it was first seen in
/// the recent window, its recent/ file. Microdescriptors come last: they go into the tarballs of the months whose
/// microdesc consensuses reference them, so the consensuses must be placed first.
/// </summary>
internal sealed partial class DocumentPlacer(NpgsqlConnection connection)
{
    private const int BatchSize = 2000;

    // How far before a microdescriptor's first sighting to look for the consensus that made us fetch it.
    private static readonly TimeSpan ReferencingConsensusLookback = TimeSpan.FromDays(3);

    // Documents no format recognised (an image, a scanner's result file...) have no place in CollecTor's trees.
    private static readonly string NotPlaced =
        "r.kind <> 'unknown' AND r.kind <> 'microdescriptor' AND NOT EXISTS (SELECT 1 FROM archive_entries a WHERE a.document_sha256 = r.sha256)";

    private static readonly string MicrodescriptorsNotPlaced =
        "r.kind = 'microdescriptor' AND (NOT EXISTS (SELECT 1 FROM archive_entries a WHERE a.document_sha256 = r.sha256) " +
        "OR (r.first_seen >= $5 AND NOT EXISTS (SELECT 1 FROM recent_entries n WHERE n.document_sha256 = r.sha256)))";

    public async Task<long> PlaceAsync(PublicationRun run, Action<long>? placed, CancellationToken cancellationToken)
    {
        long total = 0;
        total += await PlaceBatchesAsync(run, NotPlaced, PlaceOthersAsync, n => placed?.Invoke(total + n), cancellationToken);
        total += await PlaceBatchesAsync(run, MicrodescriptorsNotPlaced, PlaceMicrodescriptorsAsync, n => placed?.Invoke(total + n), cancellationToken);
        return total;
    }

    private async Task<long> PlaceBatchesAsync(
        PublicationRun run,
        string predicate,
        Func<PublicationRun, List<StoredDocument>, Placements, CancellationToken, Task> place,
        Action<long> progress,
        CancellationToken cancellationToken)
    {
        var cursor = (Time: run.From, Sha256: Array.Empty<byte>());
        long documents = 0;
        while (true)
        {
            var batch = await ReadBatchAsync(run, predicate, cursor, cancellationToken);
            if (batch.Count == 0)
            {
                return documents;
            }

            var placements = new Placements();
            await place(run, batch, placements, cancellationToken);
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await WriteAsync(run, placements, transaction, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            documents += batch.Count;
            progress(documents);
            cursor = (batch[^1].FirstSeen, batch[^1].Sha256);
        }
    }

    private async Task<List<StoredDocument>> ReadBatchAsync(
        PublicationRun run, string predicate, (DateTime Time, byte[] Sha256) cursor, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT r.sha256, r.kind, r.first_seen, r.published, r.digest_sha1, r.digest_sha256, r.annotations,
                   r.parse_status = 'Parsed', s.valid_after, s.authority_fingerprint, t.source, t.file_size, t.start,
                   CASE WHEN r.kind = ANY($6) THEN r.content END,
                   CASE WHEN r.kind = ANY($7) THEN (
                       SELECT f.location FROM document_sources d JOIN source_files f ON f.id = d.source_file_id
                       WHERE d.document_sha256 = r.sha256 ORDER BY f.id, d.position LIMIT 1) END,
                   (SELECT min(a.tarball) FROM archive_entries a WHERE a.document_sha256 = r.sha256)
            FROM raw_documents r
            LEFT JOIN network_statuses s ON s.document_sha256 = r.sha256
            LEFT JOIN torperf_results t ON t.document_sha256 = r.sha256
            WHERE r.first_seen >= $1 AND (r.first_seen > $1 OR r.sha256 > $2) AND r.first_seen < $3 AND {predicate}
            ORDER BY r.first_seen, r.sha256
            LIMIT $4
            """, connection);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, cursor.Time);
        command.Parameters.AddWithValue(NpgsqlDbType.Bytea, cursor.Sha256);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, run.Start);
        command.Parameters.AddWithValue(BatchSize);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, run.RecentStart);
        command.Parameters.AddWithValue(PlacementFactsReader.KindsNeedingContent.Select(DescriptorKindNames.ToTypeName).ToArray());
        command.Parameters.AddWithValue(PlacementFactsReader.KindsNeedingFileName.Select(DescriptorKindNames.ToTypeName).ToArray());

        var documents = new List<StoredDocument>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(new StoredDocument
            {
                Sha256 = reader.GetFieldValue<byte[]>(0),
                Kind = DescriptorKindNames.FromTypeName(reader.GetString(1)),
                FirstSeen = reader.GetDateTime(2),
                Published = Value<DateTime>(reader, 3),
                DigestSha1 = Reference<byte[]>(reader, 4),
                DigestSha256 = Reference<byte[]>(reader, 5),
                Annotations = Reference<string>(reader, 6),
                Parsed = reader.GetBoolean(7),
                ValidAfter = Value<DateTime>(reader, 8),
                AuthorityFingerprint = Reference<byte[]>(reader, 9),
                TorperfSource = Reference<string>(reader, 10),
                TorperfFileSize = Value<long>(reader, 11),
                TorperfStart = Value<DateTime>(reader, 12),
                Content = Reference<byte[]>(reader, 13),
                SourceLocation = Reference<string>(reader, 14),
                PlacedTarball = Reference<string>(reader, 15),
            });
        }

        return documents;
    }

    private async Task PlaceOthersAsync(PublicationRun run, List<StoredDocument> batch, Placements placements, CancellationToken cancellationToken)
    {
        var consensuses = new List<(byte[] Sha256, DateTime Month)>();
        foreach (var document in batch)
        {
            var facts = PlacementFactsReader.Read(document);
            var annotation = TypeAnnotations.For(document.Kind, document.Annotations);
            var month = CollecTorLayout.Month(facts);
            placements.AddArchive(document.Sha256, CollecTorLayout.Archive(facts, month), facts.Published, annotation);
            if (document.FirstSeen >= run.RecentStart && CollecTorLayout.Recent(facts, run.Start, month) is { } path)
            {
                placements.AddRecent(document.Sha256, path, facts.Published, annotation);
            }

            if (document.Kind == DescriptorKind.NetworkStatusMicrodescConsensus && document.Parsed)
            {
                consensuses.Add((document.Sha256, month));
            }
        }

        if (consensuses.Count > 0)
        {
            await PlaceReferencedMicrodescriptorsAsync(consensuses, placements, cancellationToken);
        }
    }

    // A new microdesc consensus also puts the microdescriptors it references, old ones included, into its month.
    private async Task PlaceReferencedMicrodescriptorsAsync(
        List<(byte[] Sha256, DateTime Month)> consensuses, Placements placements, CancellationToken cancellationToken)
    {
        var months = consensuses.ToDictionary(c => Convert.ToHexString(c.Sha256), c => c.Month, StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("""
            SELECT DISTINCT s.document_sha256, r.sha256, r.annotations, r.first_seen
            FROM status_entries e
            JOIN network_statuses s ON s.id = e.status_id
            JOIN raw_documents r ON r.sha256 = e.microdescriptor_digest
            WHERE s.document_sha256 = ANY($1) AND r.kind = 'microdescriptor'
            """, connection);
        command.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Bytea, consensuses.Select(c => c.Sha256).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var month = months[Convert.ToHexString(reader.GetFieldValue<byte[]>(0))];
            var sha256 = reader.GetFieldValue<byte[]>(1);
            var facts = MicrodescriptorFacts(sha256, reader.GetDateTime(3));
            placements.AddArchive(sha256, CollecTorLayout.Archive(facts, month), null,
                TypeAnnotations.For(DescriptorKind.Microdescriptor, Reference<string>(reader, 2)));
        }
    }

    private async Task PlaceMicrodescriptorsAsync(PublicationRun run, List<StoredDocument> batch, Placements placements, CancellationToken cancellationToken)
    {
        var unplaced = batch.Where(d => d.PlacedTarball is null).ToList();
        var referencedIn = unplaced.Count == 0
            ? new Dictionary<string, List<DateTime>>(StringComparer.Ordinal)
            : await ReferencingMonthsAsync(unplaced, cancellationToken);
        foreach (var document in batch)
        {
            var facts = MicrodescriptorFacts(document.Sha256, document.FirstSeen);
            var annotation = TypeAnnotations.For(DescriptorKind.Microdescriptor, document.Annotations);
            DateTime firstMonth;
            if (document.PlacedTarball is { } placed)
            {
                firstMonth = MonthOf(placed);
            }
            else
            {
                // Not referenced by any consensus we hold near its first sighting: filed under the month we saw it.
                var months = referencedIn.GetValueOrDefault(Convert.ToHexString(document.Sha256)) ?? [CollecTorLayout.Month(facts)];
                foreach (var month in months)
                {
                    placements.AddArchive(document.Sha256, CollecTorLayout.Archive(facts, month), null, annotation);
                }

                firstMonth = months.Min();
            }

            if (document.FirstSeen >= run.RecentStart && CollecTorLayout.Recent(facts, run.Start, firstMonth) is { } path)
            {
                placements.AddRecent(document.Sha256, path, null, annotation);
            }
        }
    }

    private async Task<Dictionary<string, List<DateTime>>> ReferencingMonthsAsync(List<StoredDocument> microdescriptors, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT DISTINCT e.microdescriptor_digest, date_trunc('month', s.valid_after AT TIME ZONE 'UTC')
            FROM network_statuses s JOIN status_entries e ON e.status_id = s.id
            WHERE s.flavor = 'microdesc' AND NOT s.is_vote AND s.valid_after >= $1 AND s.valid_after <= $2
              AND e.microdescriptor_digest = ANY($3)
            """, connection);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, microdescriptors.Min(d => d.FirstSeen) - ReferencingConsensusLookback);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, microdescriptors.Max(d => d.FirstSeen));
        command.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Bytea, microdescriptors.Select(d => d.Sha256).ToArray());
        var months = new Dictionary<string, List<DateTime>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = Convert.ToHexString(reader.GetFieldValue<byte[]>(0));
            var month = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
            if (!months.TryGetValue(key, out var list))
            {
                months[key] = list = [];
            }

            list.Add(month);
        }

        return months;
    }

    private async Task WriteAsync(PublicationRun run, Placements placements, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var archive = placements.Archive;
        if (archive.Count > 0)
        {
            await using (var tarballs = new NpgsqlCommand(
                "INSERT INTO archive_tarballs (path, version) SELECT DISTINCT unnest($1::text[]), 0 ON CONFLICT (path) DO NOTHING",
                connection, transaction))
            {
                tarballs.Parameters.AddWithValue(archive.Select(a => a.Tarball).Distinct(StringComparer.Ordinal).ToArray());
                await tarballs.ExecuteNonQueryAsync(cancellationToken);
            }

            // Only tarballs that really gained an entry become stale.
            await using var entries = new NpgsqlCommand("""
                WITH added AS (
                    INSERT INTO archive_entries (document_sha256, tarball, entry_name, published, type_annotation, run_id)
                    SELECT u.sha256, u.tarball, u.entry_name, u.published, u.annotation, $6
                    FROM unnest($1::bytea[], $2::text[], $3::text[], $4::timestamptz[], $5::text[])
                        AS u(sha256, tarball, entry_name, published, annotation)
                    ON CONFLICT DO NOTHING
                    RETURNING tarball)
                UPDATE archive_tarballs SET version = version + 1 WHERE path IN (SELECT tarball FROM added)
                """, connection, transaction);
            entries.Parameters.AddWithValue(archive.Select(a => a.Sha256).ToArray());
            entries.Parameters.AddWithValue(archive.Select(a => a.Tarball).ToArray());
            entries.Parameters.AddWithValue(archive.Select(a => a.EntryName).ToArray());
            entries.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, archive.Select(a => a.Published).ToArray());
            entries.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, archive.Select(a => a.Annotation).ToArray());
            entries.Parameters.AddWithValue(run.Id);
            await entries.ExecuteNonQueryAsync(cancellationToken);
        }

        var recent = placements.Recent;
        if (recent.Count > 0)
        {
            await using var entries = new NpgsqlCommand("""
                INSERT INTO recent_entries (document_sha256, path, published, type_annotation, run_id)
                SELECT u.sha256, u.path, u.published, u.annotation, $5
                FROM unnest($1::bytea[], $2::text[], $3::timestamptz[], $4::text[]) AS u(sha256, path, published, annotation)
                ON CONFLICT DO NOTHING
                """, connection, transaction);
            entries.Parameters.AddWithValue(recent.Select(r => r.Sha256).ToArray());
            entries.Parameters.AddWithValue(recent.Select(r => r.Path).ToArray());
            entries.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, recent.Select(r => r.Published).ToArray());
            entries.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, recent.Select(r => r.Annotation).ToArray());
            entries.Parameters.AddWithValue(run.Id);
            await entries.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static PlacementFacts MicrodescriptorFacts(byte[] sha256, DateTime firstSeen) => new()
    {
        Kind = DescriptorKind.Microdescriptor,
        Sha256 = sha256,
        Time = firstSeen,
    };

    private static DateTime MonthOf(string tarball) =>
        TarballMonth().Match(tarball) is { Success: true } match
            ? DateTime.ParseExact(match.Groups[1].Value + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal)
            : throw new InvalidOperationException($"No month in tarball name {tarball}.");

    private static T? Value<T>(NpgsqlDataReader reader, int ordinal)
        where T : struct => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    private static T? Reference<T>(NpgsqlDataReader reader, int ordinal)
        where T : class => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    [GeneratedRegex(@"-(\d{4}-\d{2})\.tar(\.xz)?$")]
    private static partial Regex TarballMonth();

    private sealed class Placements
    {
        private readonly HashSet<(string, string)> _archived = [];

        public List<(byte[] Sha256, string Tarball, string EntryName, DateTime? Published, string? Annotation)> Archive { get; } = [];

        public List<(byte[] Sha256, string Path, DateTime? Published, string? Annotation)> Recent { get; } = [];

        public void AddArchive(byte[] sha256, ArchivePlacement placement, DateTime? published, string? annotation)
        {
            if (_archived.Add((Convert.ToHexString(sha256), placement.Tarball)))
            {
                Archive.Add((sha256, placement.Tarball, placement.EntryName, published, annotation));
            }
        }

        public void AddRecent(byte[] sha256, string path, DateTime? published, string? annotation) =>
            Recent.Add((sha256, path, published, annotation));
    }
}
