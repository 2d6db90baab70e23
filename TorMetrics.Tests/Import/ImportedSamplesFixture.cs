using TorMetrics.Domain.Import;
using TorMetrics.Tests.Descriptors;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Import;

/// <summary>A database holding the whole sample corpus, imported once by the real importer.</summary>
public sealed class ImportedSamplesFixture : PostgresDatabaseFixture
{
    public ImportReport FirstImport { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        FirstImport = await new DescriptorImporter(DataSource, TimeProvider.System).ImportAsync([SampleFiles.Root], "test");
    }

    public static readonly string[] CountedTables =
    [
        "raw_documents", "document_sources", "source_files", "network_statuses", "status_entries",
        "server_descriptors", "extra_infos", "microdescriptors", "exit_list_entries", "torperf_results",
    ];

    public async Task<Dictionary<string, long>> CountRowsAsync()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in CountedTables)
        {
            counts[table] = await ScalarAsync<long>($"SELECT count(*) FROM {table}");
        }

        return counts;
    }
}
