using Microsoft.Extensions.Options;
using TorMetrics.Domain.CollecTor.Publishing;
using TorMetrics.Domain.Import;
using TorMetrics.Tests.Descriptors;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.CollecTor;

/// <summary>
/// A database holding the whole sample corpus, published once as CollecTor would serve it: recent/ listed and every
/// tarball built (xz preset 0, to keep the suite quick) into a temporary cache directory.
/// </summary>
public sealed class PublishedSamplesFixture : PostgresDatabaseFixture
{
    public string CacheDirectory { get; } = Path.Combine(Path.GetTempPath(), "tm-collector-cache-" + Guid.NewGuid().ToString("N")[..8]);

    public ImportReport Import { get; private set; } = null!;

    public PublicationReport Publication { get; private set; } = null!;

    public ArchiveBuildReport Build { get; private set; } = null!;

    public IOptions<CollecTorServingOptions> Options => Microsoft.Extensions.Options.Options.Create(
        new CollecTorServingOptions { CacheDirectory = CacheDirectory, ArchiveXzPreset = "0" });

    /// <summary>Settings for a web host that serves this database.</summary>
    public Dictionary<string, string?> WebSettings => new()
    {
        ["Jobs:Enabled"] = "false",
        ["CollecTorServing:CacheDirectory"] = CacheDirectory,
        ["CollecTorServing:ArchiveXzPreset"] = "0",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Import = await new DescriptorImporter(DataSource, TimeProvider.System).ImportAsync([SampleFiles.Root], "test");
        Publication = await new CollecTorPublisher(DataSource, Options, TimeProvider.System).PublishAsync(null, CancellationToken.None);
        Build = await new ArchiveBuilder(DataSource, Options, TimeProvider.System).BuildStaleAsync(null, CancellationToken.None);
    }

    public override async Task DisposeAsync()
    {
        if (Directory.Exists(CacheDirectory))
        {
            Directory.Delete(CacheDirectory, recursive: true);
        }

        await base.DisposeAsync();
    }
}

/// <summary>Test classes that read the published sample corpus share one copy of it.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedSamplesCollection : ICollectionFixture<PublishedSamplesFixture>
{
    public const string Name = "Published samples";
}
