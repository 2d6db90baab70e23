using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.NetworkStatuses;
using TorMetrics.Domain.Descriptors.ServerDescriptors;
using TorMetrics.Domain.Synthetic;
using TorMetrics.Domain.Synthetic.Tables;

namespace TorMetrics.Tests.Synthetic;

/// <summary>
/// A 2,000-relay day, parsed back with our parsers and compared with the tables it was drawn from. Tolerances are
/// about three standard errors at this size, so a broken table or a generator that ignores one fails.
/// </summary>
public sealed class SyntheticDistributionTests(SyntheticDistributionTests.NetworkFixture network) : IClassFixture<SyntheticDistributionTests.NetworkFixture>
{
    private const double Tolerance = .035;

    [Theory]
    [InlineData("Exit")]
    [InlineData("Fast")]
    [InlineData("Guard")]
    [InlineData("HSDir")]
    [InlineData("Stable")]
    [InlineData("V2Dir")]
    public void FirstConsensus_FlagShare_MatchesTable(string flag)
    {
        var expected = RelayTables.FlagProfiles.Share(p => p.Has(flag));
        var actual = network.First.Entries.Count(e => e.Flags.Contains(flag)) / (double)network.First.Entries.Count;

        Assert.InRange(actual, expected - Tolerance, expected + Tolerance);
    }

    [Fact]
    public void FirstConsensus_Ipv6AndVersionShares_MatchTables()
    {
        var entries = network.First.Entries;
        var ipv6 = RelayTables.FlagProfiles.Values.Sum(p => p.Ipv6Share * RelayTables.FlagProfiles.Share(q => ReferenceEquals(q, p)));
        var newest = RelayTables.Versions.Share(v => v == "0.4.8.11");

        Assert.InRange(entries.Count(e => e.OrAddresses.Count > 0) / (double)entries.Count, ipv6 - Tolerance, ipv6 + Tolerance);
        Assert.InRange(entries.Count(e => e.Version == "0.4.8.11") / (double)entries.Count, newest - Tolerance, newest + Tolerance);
    }

    [Fact]
    public void FirstConsensus_ExitPoliciesAndWeights_FollowFlags()
    {
        var entries = network.First.Entries;

        Assert.All(entries.Where(e => e.Flags.Contains("Exit")), e => Assert.NotEqual("reject 1-65535", e.ExitPolicySummary));
        Assert.All(entries.Where(e => !e.Flags.Contains("Exit") && !e.Flags.Contains("BadExit")), e => Assert.Equal("reject 1-65535", e.ExitPolicySummary));

        // Authorities and relays that joined in the last hours are unmeasured (2024: 0.65 %); the median weight was 8,000.
        Assert.All(entries.Where(e => e.Flags.Contains("Authority")), e => Assert.True(e.Unmeasured));
        Assert.InRange(entries.Count(e => e.Unmeasured && !e.Flags.Contains("Authority")) / (double)entries.Count, 0, RelayTables.UnmeasuredShare * 3);
        var median = entries.Select(e => e.Bandwidth!.Value).Order().ElementAt(entries.Count / 2);
        Assert.InRange(median, 5000, 12000);
        Assert.True(entries.Where(e => e.Flags.Contains("Guard")).Average(e => e.Bandwidth!.Value) > entries.Where(e => !e.Flags.Contains("Fast")).Average(e => e.Bandwidth!.Value) * 10);
    }

    [Fact]
    public void Consensus_BandwidthWeights_AllWxxAndBalanced()
    {
        var weights = network.First.BandwidthWeights;

        Assert.Equal(19, weights.Count);
        Assert.Equal(10000, weights["Wgg"] + weights["Wmg"]);
        Assert.Equal(10000, weights["Wee"] + weights["Wme"]);
        Assert.Equal(weights["Wgg"], weights["Wgm"]);
        Assert.Equal(weights["Wed"], weights["Weg"]);
        Assert.Equal(10000, weights["Wmm"]);
    }

    [Fact]
    public void Day_ChurnAndAddressChanges_Happen()
    {
        var first = network.First.Entries.Select(e => e.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var last = network.Last.Entries.Select(e => e.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var addresses = network.Consensuses.SelectMany(c => c.Entries)
            .GroupBy(e => e.Fingerprint, StringComparer.Ordinal)
            .Count(g => g.Select(e => (e.Address, e.OrPort)).Distinct().Count() > 1);

        Assert.NotEmpty(first.Except(last));
        Assert.NotEmpty(last.Except(first));
        Assert.InRange(last.Count, first.Count * .95, first.Count * 1.05);
        Assert.InRange(addresses, 1, 100);
        Assert.All(network.Last.Entries.Where(e => e.Unmeasured && !e.Flags.Contains("Authority")), e => Assert.DoesNotContain(e.Fingerprint, first));
    }

    [Fact]
    public void Descriptors_FamiliesContactsAndEvents_MatchTables()
    {
        var newest = network.Servers.GroupBy(s => s.Fingerprint, StringComparer.Ordinal)
            .Select(g => g.MaxBy(s => s.Published)!).ToList();
        var inFamily = newest.Count(s => s.Family.Count > 0) / (double)newest.Count;
        var noContact = newest.Count(s => s.Contact is null) / (double)newest.Count;
        var families = newest.Where(s => s.Family.Count > 0).ToDictionary(s => s.Fingerprint!, s => s.Family, StringComparer.Ordinal);
        var pairs = families.SelectMany(f => f.Value.Select(m => (From: f.Key, To: m.TrimStart('$')))).Where(p => p.From != p.To).ToList();
        var mutual = pairs.Count(p => families.TryGetValue(p.To, out var back) && back.Contains("$" + p.From));

        Assert.InRange(inFamily, RelayTables.InFamilyShare - .05, RelayTables.InFamilyShare + .05);
        Assert.InRange(noContact, RelayTables.Contacts.Share(c => c == ContactShape.None) - .06, RelayTables.Contacts.Share(c => c == ContactShape.None) + .06);
        Assert.InRange(mutual, pairs.Count * .9, pairs.Count - 1);
        Assert.Contains(network.Servers, s => s.Hibernating);
        Assert.Contains(network.Servers, s => s.OverloadGeneral is not null);
        Assert.InRange(network.Servers.Count(s => s.OrAddresses.Count > 0) / (double)network.Servers.Count, .3, .7);
    }

    [Fact]
    public void Population_Countries_MatchTable()
    {
        var relays = RelayPopulation.Create(3, 2000, new SyntheticTimeline(NetworkFixture.End, 1));
        var de = RelayTables.FlagProfiles.Total > 0 ? CountryTable.Countries.Share(c => c.Code == "de") : 0;

        Assert.InRange(relays.Count(r => r.Country.Code == "de") / (double)relays.Count, de - .04, de + .04);
    }

    public sealed class NetworkFixture : IDisposable
    {
        public static readonly DateTime End = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);
        private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("tm-synth-dist-");

        public NetworkFixture()
        {
            var report = SyntheticNetworkGenerator.Generate(new SyntheticNetworkOptions
            {
                OutputDirectory = _work.FullName,
                Relays = 2000,
                Bridges = 0,
                Days = 1,
                End = End,
                Seed = 3,
            });
            var documents = SyntheticNetworkGeneratorTests.Parse(report.RecentDirectory);
            Assert.Empty(documents.OfType<UnparseableDescriptor>());
            Consensuses = documents.OfType<NetworkStatus>().OrderBy(c => c.ValidAfter).ToList();
            Servers = documents.OfType<ServerDescriptor>().ToList();
        }

        public IReadOnlyList<NetworkStatus> Consensuses { get; }

        public NetworkStatus First => Consensuses[0];

        public NetworkStatus Last => Consensuses[^1];

        public IReadOnlyList<ServerDescriptor> Servers { get; }

        public void Dispose() => _work.Delete(recursive: true);
    }
}
