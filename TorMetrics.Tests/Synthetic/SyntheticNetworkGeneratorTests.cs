using System.Security.Cryptography;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.BridgeNetworkStatuses;
using TorMetrics.Domain.Descriptors.ExitLists;
using TorMetrics.Domain.Descriptors.ExtraInfos;
using TorMetrics.Domain.Descriptors.NetworkStatuses;
using TorMetrics.Domain.Descriptors.ServerDescriptors;
using TorMetrics.Domain.Import;
using TorMetrics.Domain.Synthetic;

namespace TorMetrics.Tests.Synthetic;

/// <summary>The generator without a database: parseability with our parsers, determinism and the output guard.</summary>
public sealed class SyntheticNetworkGeneratorTests : IDisposable
{
    private static readonly DateTime End = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("tm-synth-test-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public void Generate_SmallNetwork_EveryDocumentParsesWithoutUnknownLines()
    {
        var report = Generate("small", seed: 7);
        var documents = Parse(report.RecentDirectory);

        Assert.Empty(documents.OfType<UnparseableDescriptor>().Select(u => $"{u.Raw.FileName}:{u.LineNumber}: {u.Reason}"));
        Assert.Equal(report.Consensuses, documents.OfType<NetworkStatus>().Count());
        Assert.Equal(report.ServerDescriptors + report.BridgeServerDescriptors, documents.OfType<ServerDescriptor>().Count());
        Assert.Equal(report.ExtraInfos + report.BridgeExtraInfos, documents.OfType<ExtraInfoDescriptor>().Count());
        Assert.Equal(report.BridgeStatuses, documents.OfType<BridgeNetworkStatus>().Count());
        Assert.Equal(report.ExitLists, documents.OfType<ExitList>().Count());
        Assert.Empty(documents.OfType<ServerDescriptor>().SelectMany(d => d.UnrecognizedLines));
        Assert.Empty(documents.OfType<ExtraInfoDescriptor>().SelectMany(d => d.UnrecognizedLines.Concat(d.MalformedLines)));
        Assert.Empty(documents.OfType<NetworkStatus>().SelectMany(d => d.UnrecognizedLines.Concat(d.Entries.SelectMany(e => e.UnrecognizedLines))));
        Assert.Equal(48, report.Consensuses);
        Assert.All(documents.OfType<ExitList>().SelectMany(l => l.Entries.Select(e => (l.Downloaded, e))), x =>
        {
            Assert.True(x.e.LastStatus <= x.Downloaded && x.e.Published <= x.Downloaded, $"{x.e.Fingerprint} at {x.Downloaded}");
            Assert.All(x.e.ExitAddresses, a => Assert.True(a.Scanned <= x.Downloaded));
        });
    }

    [Fact]
    public void Generate_SmallNetwork_FingerprintIsSha1OfSigningKeyAndDigestsMatch()
    {
        var report = Generate("digests", seed: 7);
        var documents = Parse(report.RecentDirectory);
        var servers = documents.OfType<ServerDescriptor>().Where(d => d.Kind == DescriptorKind.ServerDescriptor).ToList();
        var extraInfos = documents.OfType<ExtraInfoDescriptor>().Where(d => d.Kind == DescriptorKind.ExtraInfo).ToDictionary(e => e.DigestSha1Hex);

        foreach (var server in servers)
        {
            // The parser takes the fingerprint line; tor defines it as SHA-1 of the DER signing key.
            Assert.Equal(server.Fingerprint, Convert.ToHexString(SHA1.HashData(SigningKey(server))));
            var extra = extraInfos[server.ExtraInfoDigestSha1Hex!];
            Assert.Equal(extra.DigestSha256Base64, server.ExtraInfoDigestSha256Base64);
            Assert.Equal(server.Fingerprint, extra.Fingerprint);
        }

        var digests = servers.Select(s => s.DigestSha1Hex).ToHashSet(StringComparer.Ordinal);
        var entries = documents.OfType<NetworkStatus>().SelectMany(c => c.Entries).ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Contains(e.DescriptorDigestSha1Hex!, digests));
    }

    [Fact]
    public void Generate_SameSeedTwice_ByteIdenticalTrees()
    {
        var first = Hashes(Generate("a", seed: 42).RecentDirectory);
        var second = Hashes(Generate("b", seed: 42).RecentDirectory);
        var other = Hashes(Generate("c", seed: 43).RecentDirectory);

        Assert.Equal(first, second);
        Assert.True(first.Count > 100, $"only {first.Count} files");
        Assert.NotEqual(first.Values, other.Values);
    }

    [Fact]
    public void Generate_OutputAlreadyHoldsATree_RefusesUnlessOverwrite()
    {
        Generate("twice", seed: 1);

        var refused = Assert.Throws<IOException>(() => Generate("twice", seed: 1));
        Assert.Contains("--overwrite", refused.Message, StringComparison.Ordinal);
        var again = Generate("twice", seed: 1, overwrite: true);
        Assert.Equal(48, again.Consensuses);
    }

    private SyntheticNetworkReport Generate(string name, ulong seed, bool overwrite = false) =>
        SyntheticNetworkGenerator.Generate(new SyntheticNetworkOptions
        {
            OutputDirectory = Path.Combine(_work.FullName, name),
            Relays = 60,
            Bridges = 20,
            Days = 2,
            End = End,
            Seed = seed,
            Overwrite = overwrite,
        });

    private static byte[] SigningKey(ServerDescriptor server)
    {
        var text = System.Text.Encoding.ASCII.GetString(server.Raw.Bytes.Span);
        const string Start = "signing-key\n-----BEGIN RSA PUBLIC KEY-----\n";
        int from = text.IndexOf(Start, StringComparison.Ordinal) + Start.Length;
        int to = text.IndexOf("-----END RSA PUBLIC KEY-----", from, StringComparison.Ordinal);
        return Convert.FromBase64String(text[from..to].Replace("\n", string.Empty, StringComparison.Ordinal));
    }

    internal static List<Descriptor> Parse(string directory) =>
        SourcePlanner.Plan([directory])
            .SelectMany(f => DescriptorImporterPreview.Prepare(new SourceFile(f.FullName, File.ReadAllBytes(f.FullName), f.Length)))
            .ToList();

    private static SortedDictionary<string, string> Hashes(string directory) =>
        new(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(directory, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);
}
