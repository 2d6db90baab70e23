using TorMetrics.Domain.Import;
using TorMetrics.Tests.Descriptors;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Import;

public sealed class DescriptorImporterTests(ImportedSamplesFixture samples) : IClassFixture<ImportedSamplesFixture>
{
    [Fact]
    public async Task Import_SamplesTwice_SecondAddsNothing()
    {
        var before = await samples.CountRowsAsync();

        var second = await new DescriptorImporter(samples.DataSource, TimeProvider.System).ImportAsync([SampleFiles.Root], "test");

        Assert.Equal(0, second.DocumentsNew);
        Assert.Equal(0, second.FilesImported);
        Assert.Equal(samples.FirstImport.FilesImported, second.FilesSkipped);
        Assert.Equal(before, await samples.CountRowsAsync());
        Assert.True(before["raw_documents"] > 10_000, $"only {before["raw_documents"]} documents archived");
    }

    [Fact]
    public async Task Import_KilledMidwayThenRerun_EndsWithSameCountsAsCleanRun()
    {
        var clean = await samples.CountRowsAsync();
        var interrupted = new PostgresDatabaseFixture();
        await interrupted.InitializeAsync();
        try
        {
            var importer = new DescriptorImporter(interrupted.DataSource, TimeProvider.System);
            using var kill = new CancellationTokenSource();
            var progress = new SynchronousProgress<ImportProgress>(p =>
            {
                if (p.FilesDone >= p.FilesTotal / 2)
                {
                    kill.Cancel();
                }
            });

            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => importer.ImportAsync([SampleFiles.Root], "test", progress, kill.Token));
            var partial = await interrupted.ScalarAsync<long>("SELECT count(*) FROM raw_documents");
            Assert.InRange(partial, 1, clean["raw_documents"] - 1);
            Assert.Equal("Interrupted", await interrupted.ScalarAsync<string>("SELECT status FROM import_runs ORDER BY id LIMIT 1"));

            var resumed = await importer.ImportAsync([SampleFiles.Root], "test");

            Assert.True(resumed.FilesSkipped > 0, "the rerun should skip the files the killed run completed");
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in ImportedSamplesFixture.CountedTables)
            {
                counts[table] = await interrupted.ScalarAsync<long>($"SELECT count(*) FROM {table}");
            }

            Assert.Equal(clean, counts);
        }
        finally
        {
            await interrupted.DisposeAsync();
        }
    }

    [Fact]
    public async Task Import_MicrodescConsensus2017_EveryMLineResolvesToAStoredMicrodescriptor()
    {
        var (lines, resolved) = await JoinCountsAsync("""
            SELECT count(*), count(m.document_sha256)
            FROM status_entries e
            JOIN network_statuses s ON s.id = e.status_id
            LEFT JOIN microdescriptors m ON m.document_sha256 = e.microdescriptor_digest
            WHERE s.flavor = 'microdesc' AND NOT s.is_vote AND s.valid_after = '2017-03-10 10:00:00+00'
            """);

        Assert.Equal(7326, lines);
        Assert.Equal(lines, resolved);
    }

    [Fact]
    public async Task Import_Consensus2020_DescriptorDigestsInTheSampleResolve()
    {
        var (_, resolved) = await JoinCountsAsync("""
            SELECT count(*), count(d.document_sha256)
            FROM status_entries e
            JOIN network_statuses s ON s.id = e.status_id
            LEFT JOIN server_descriptors d ON d.digest_sha1 = e.descriptor_digest AND NOT d.is_bridge
            WHERE s.flavor = 'ns' AND NOT s.is_vote AND s.valid_after = '2020-02-29 11:00:00+00'
            """);

        // 381 of the sample's 587 descriptors are the ones this consensus references (samples/SOURCES.md).
        Assert.Equal(381, resolved);
    }

    [Fact]
    public async Task Import_ExitListsAndTorperf_RowsMatchTheParsedDocuments()
    {
        var exitAddresses = 0L;
        foreach (var file in SampleFiles.FilesUnder("tordnsel"))
        {
            exitAddresses += TorMetrics.Domain.Descriptors.DescriptorFileParser.Parse(SampleFiles.Read(file), Path.GetFileName(file))
                .OfType<TorMetrics.Domain.Descriptors.ExitLists.ExitList>()
                .Sum(l => l.Entries.Sum(e => e.ExitAddresses.Select(a => a.Address).Distinct(StringComparer.Ordinal).Count()));
        }

        Assert.True(exitAddresses > 0);
        Assert.Equal(exitAddresses, await samples.ScalarAsync<long>("SELECT count(*) FROM exit_list_entries"));
        Assert.Equal(
            await samples.ScalarAsync<long>("SELECT count(*) FROM raw_documents WHERE kind = 'torperf' AND parse_status = 'Parsed'"),
            await samples.ScalarAsync<long>("SELECT count(*) FROM torperf_results"));
        Assert.Equal(0L, await samples.ScalarAsync<long>("SELECT count(*) FROM torperf_results WHERE data_complete < start"));
    }

    [Fact]
    public async Task Import_MalformedSamples_EachStoredRawWithReasonOrParsed()
    {
        var malformed = SampleFiles.FilesUnder("malformed").Select(SampleFiles.PathOf).ToList();
        Assert.NotEmpty(malformed);
        foreach (var path in malformed)
        {
            await using var command = samples.DataSource.CreateCommand("""
                SELECT count(*), count(*) FILTER (WHERE r.parse_status = 'Unparseable' AND coalesce(r.parse_error, '') = '')
                FROM source_files f
                JOIN document_sources ds ON ds.source_file_id = f.id
                JOIN raw_documents r ON r.sha256 = ds.document_sha256
                WHERE f.location = $1
                """);
            command.Parameters.AddWithValue(path);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.True(reader.GetInt64(0) > 0, $"{path}: nothing archived");
            Assert.True(reader.GetInt64(1) == 0, $"{path}: unparseable without a reason");
        }
    }

    [Fact]
    public async Task Import_EverySampleFile_ArchivedAndEveryUnparseableHasAReason()
    {
        var planned = SourcePlanner.Plan([SampleFiles.Root]).Select(f => f.FullName).ToHashSet(StringComparer.Ordinal);
        await using var command = samples.DataSource.CreateCommand(
            "SELECT DISTINCT split_part(location, '!', 1) FROM source_files WHERE documents > 0");
        var archived = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                archived.Add(reader.GetString(0));
            }
        }

        Assert.Empty(planned.Except(archived));
        Assert.Equal(0L, await samples.ScalarAsync<long>(
            "SELECT count(*) FROM raw_documents WHERE parse_status = 'Unparseable' AND coalesce(parse_error, '') = ''"));
        Assert.Equal(0L, await samples.ScalarAsync<long>(
            "SELECT count(*) FROM raw_documents WHERE sha256 <> sha256(content)"));
    }

    [Fact]
    public async Task Import_ExtraInfos_RowsHoldWhatTheParserReadWithoutNullStatistics()
    {
        var rows = new List<(byte[] Content, long[]? ReadHistory, string Statistics, string? DirreqV3Ips)>();
        await using (var command = samples.DataSource.CreateCommand("""
            SELECT r.content, e.read_history, e.statistics::text, e.dirreq_v3_ips::text
            FROM extra_infos e JOIN raw_documents r ON r.sha256 = e.document_sha256
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetFieldValue<byte[]>(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<long[]>(1),
                    reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        Assert.True(rows.Count > 20, $"only {rows.Count} extra-infos");
        foreach (var (content, readHistory, statistics, dirreqV3Ips) in rows)
        {
            var parsed = Assert.IsType<TorMetrics.Domain.Descriptors.ExtraInfos.ExtraInfoDescriptor>(
                TorMetrics.Domain.Descriptors.DescriptorFileParser.Parse(content, "extra-info").Single(), exactMatch: false);
            Assert.Equal(parsed.ReadHistory?.Values, readHistory);
            Assert.Equal(parsed.DirreqV3Ips?.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(), JsonCounts(dirreqV3Ips));
            using var json = System.Text.Json.JsonDocument.Parse(statistics);
            var members = json.RootElement.EnumerateObject().ToList();
            Assert.DoesNotContain(members, m => m.Value.ValueKind == System.Text.Json.JsonValueKind.Null);
            Assert.Equal(parsed.GeoipDbDigest, members.SingleOrDefault(m => m.Name == "geoipDbDigest").Value.ValueKind
                == System.Text.Json.JsonValueKind.String ? members.Single(m => m.Name == "geoipDbDigest").Value.GetString() : null);
            Assert.Equal(parsed.DirreqV3Resp?.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(),
                JsonCounts(members.Where(m => m.Name == "dirreqV3Resp").Select(m => m.Value.GetRawText()).SingleOrDefault()));
            Assert.Equal(parsed.HidservStatsEnd is not null, members.Any(m => m.Name == "hidservStatsEnd"));
        }
    }

    [Fact]
    public async Task Import_SameFileTwiceInOneRun_StoredOnceAndCountedAsSkipped()
    {
        var database = new PostgresDatabaseFixture();
        await database.InitializeAsync();
        try
        {
            var file = SampleFiles.PathOf("server-descriptor/2016-10-02-16-05-00-server-descriptors");

            var report = await new DescriptorImporter(database.DataSource, TimeProvider.System).ImportAsync([file, file], "test");

            Assert.Equal(1, report.FilesImported);
            Assert.Equal(1, report.FilesSkipped);
            Assert.Equal(10, report.DocumentsNew);
            Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM source_files"));
            Assert.Equal(10L, await database.ScalarAsync<long>("SELECT count(*) FROM document_sources"));
            Assert.Equal(10L, await database.ScalarAsync<long>("SELECT count(*) FROM server_descriptors"));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Import_TwoImportsOfTheSameFilesAtOnce_EndWithTheRowsOfOneImport()
    {
        string[] paths = [SampleFiles.PathOf("server-descriptor"), SampleFiles.PathOf("microdescriptor"), SampleFiles.PathOf("extra-info"),
            SampleFiles.PathOf("network-status-microdesc-consensus-3")];
        var once = new PostgresDatabaseFixture();
        var twice = new PostgresDatabaseFixture();
        await Task.WhenAll(once.InitializeAsync(), twice.InitializeAsync());
        try
        {
            await new DescriptorImporter(once.DataSource, TimeProvider.System).ImportAsync(paths, "test");

            var reports = await Task.WhenAll(
                new DescriptorImporter(twice.DataSource, TimeProvider.System).ImportAsync(paths, "first"),
                new DescriptorImporter(twice.DataSource, TimeProvider.System).ImportAsync(paths, "second"));

            foreach (var table in ImportedSamplesFixture.CountedTables)
            {
                var sql = $"SELECT count(*) FROM {table}";
                Assert.Equal((table, await once.ScalarAsync<long>(sql)), (table, await twice.ScalarAsync<long>(sql)));
            }

            Assert.Equal(await once.ScalarAsync<long>("SELECT count(*) FROM raw_documents"), reports.Sum(r => r.DocumentsNew));
        }
        finally
        {
            await Task.WhenAll(once.DisposeAsync(), twice.DisposeAsync());
        }
    }

    private static List<KeyValuePair<string, long>>? JsonCounts(string? json) =>
        json is null ? null : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, long>>(json)!
            .OrderBy(p => p.Key, StringComparer.Ordinal).ToList();

    private async Task<(long Lines, long Resolved)> JoinCountsAsync(string sql)
    {
        await using var command = samples.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
