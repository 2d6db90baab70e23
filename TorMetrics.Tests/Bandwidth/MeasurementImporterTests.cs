using TorMetrics.Domain.Bandwidth.Results;
using TorMetrics.Tests.Descriptors;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Bandwidth;

public sealed class MeasurementImporterTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly string[] Everything =
    [
        SampleFiles.PathOf("sbws/sbws-tests/unit-lib-data"),
        SampleFiles.PathOf("sbws/sbws-tests/dot-sbws"),
        SampleFiles.PathOf("sbws/synthetic/results"),
    ];

    [Fact]
    public async Task Import_SameFilesTwice_SecondAddsNothing()
    {
        var importer = new MeasurementImporter(database.DataSource, TimeProvider.System);

        var first = await importer.ImportAsync("twice", Everything);
        var rows = await database.ScalarAsync<long>("SELECT count(*) FROM bandwidth_measurements WHERE scanner_id = 'twice'");
        var second = await importer.ImportAsync("twice", Everything);

        Assert.True(first.ResultsNew > 30, $"only {first.ResultsNew} results imported");
        Assert.Equal(0, first.LinesUnparseable);
        Assert.Equal(1, first.StatesNew);
        Assert.Equal(0, second.ResultsNew);
        Assert.Equal(0, second.StatesNew);
        Assert.Equal(first.ResultsNew + first.ResultsDuplicate, second.ResultsDuplicate);
        Assert.Equal(rows, await database.ScalarAsync<long>("SELECT count(*) FROM bandwidth_measurements WHERE scanner_id = 'twice'"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM bandwidth_scanner_states WHERE scanner_id = 'twice'"));
    }

    [Fact]
    public async Task Import_OlderResultVersion_KeepsItsCountersAndDownloads()
    {
        var importer = new MeasurementImporter(database.DataSource, TimeProvider.System);

        await importer.ImportAsync("old", [SampleFiles.PathOf("sbws/sbws-tests/dot-sbws/datadir/2019-03-25.txt")]);

        // The 2019 file carries relay_*_count integers that later versions replaced by lists.
        Assert.Equal(15L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM bandwidth_measurements WHERE scanner_id = 'old' AND extra ? 'relay_recent_priority_list_count'"));
        Assert.Equal(4L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM bandwidth_measurements WHERE scanner_id = 'old' AND result_type = 'success' AND cardinality(download_amounts) > 0 " +
            "AND cardinality(download_amounts) = cardinality(download_durations) AND helper_fingerprint IS NOT NULL"));
    }

    [Fact]
    public async Task Import_GzippedResultFile_ReadsTheSameResults()
    {
        var directory = Directory.CreateTempSubdirectory("tm-sbws-");
        try
        {
            var plain = SampleFiles.Read("sbws/sbws-tests/unit-lib-data/results_away.txt");
            await using (var gzip = new System.IO.Compression.GZipStream(
                File.Create(Path.Combine(directory.FullName, "2018-04-18.txt.gz")), System.IO.Compression.CompressionLevel.Fastest))
            {
                await gzip.WriteAsync(plain);
            }

            var importer = new MeasurementImporter(database.DataSource, TimeProvider.System);
            var gzipped = await importer.ImportAsync("gz", [directory.FullName]);
            var again = await importer.ImportAsync("gz", [SampleFiles.PathOf("sbws/sbws-tests/unit-lib-data/results_away.txt")]);

            Assert.Equal(7, gzipped.ResultsNew);
            Assert.Equal(0, again.ResultsNew);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Parse_UnknownType_IsRejected()
    {
        var line = """{"version": 4, "type": "error-new", "time": 1, "fingerprint": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"""u8.ToArray();

        Assert.Throws<FormatException>(() => SbwsResultParser.Parse(line));
    }
}
