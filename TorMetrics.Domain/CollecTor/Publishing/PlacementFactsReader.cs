using System.Text.RegularExpressions;
using TorMetrics.Domain.CollecTor.Layout;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.BandwidthFiles;
using TorMetrics.Domain.Descriptors.BridgeDb;
using TorMetrics.Domain.Descriptors.BridgePoolAssignments;
using TorMetrics.Domain.Descriptors.ExitLists;
using TorMetrics.Domain.Descriptors.KeyCertificates;
using TorMetrics.Domain.Descriptors.NetworkStatuses2;
using TorMetrics.Domain.Descriptors.OnionPerf;
using TorMetrics.Domain.Descriptors.Snowflakes;
using TorMetrics.Domain.Descriptors.WebStats;

namespace TorMetrics.Domain.CollecTor.Publishing;

/// <summary>
/// Works out which time and names CollecTor files a stored document under. Most come from the archive's columns and
/// the parsed tables; the kinds whose times live in fields no table holds (exit lists' download time, statistics
/// intervals, key certificate identities...) are parsed again here, which is cheap as there are few of them.
/// A document that cannot be read is filed under the time we first saw it.
/// </summary>
internal static partial class PlacementFactsReader
{
    /// <summary>Kinds whose bytes placement needs.</summary>
    public static readonly DescriptorKind[] KindsNeedingContent =
    [
        DescriptorKind.DirKeyCertificate, DescriptorKind.BandwidthFile, DescriptorKind.NetworkStatus2, DescriptorKind.BridgePoolAssignment,
        DescriptorKind.BridgedbMetrics, DescriptorKind.TorDnsEl, DescriptorKind.OnionPerfAnalysis, DescriptorKind.SnowflakeStats,
        DescriptorKind.WebStats,
    ];

    /// <summary>Kinds whose original file name carries parts of CollecTor's name (web logs' hosts, OnionPerf's source).</summary>
    public static readonly DescriptorKind[] KindsNeedingFileName = [DescriptorKind.OnionPerfAnalysis, DescriptorKind.WebStats];

    public static PlacementFacts Read(StoredDocument document)
    {
        var facts = new PlacementFacts
        {
            Kind = document.Kind,
            Sha256 = document.Sha256,
            Time = Utc(document.ValidAfter ?? document.Published ?? document.FirstSeen),
            Published = document.ValidAfter ?? document.Published,
            Digest = document.DigestSha1 is null ? null : Convert.ToHexString(document.DigestSha1),
            Fingerprint = document.AuthorityFingerprint is null ? null : Convert.ToHexString(document.AuthorityFingerprint),
        };

        return document.Kind switch
        {
            DescriptorKind.Microdescriptor => facts with { Published = null, Digest = null },
            DescriptorKind.Torperf when document.TorperfStart is { } start =>
                facts with { Time = Utc(start), Published = start, Source = document.TorperfSource, FileSize = document.TorperfFileSize },
            _ when document.Content is not null => FromContent(facts, document),
            _ => facts,
        };
    }

    private static PlacementFacts FromContent(PlacementFacts facts, StoredDocument document)
    {
        var fileName = document.SourceLocation is null ? null : Path.GetFileName(document.SourceLocation.Split('!')[^1]);
        var raw = new RawDocument(document.Content, 0, 1, [], null, fileName);
        var parsed = document.Parsed ? DescriptorFileParser.ParseDocument(raw, document.Kind) : null;
        return parsed switch
        {
            DirKeyCertificate c => facts with { Fingerprint = c.Fingerprint },
            BandwidthFile b => At(facts, b.FileCreated ?? b.Timestamp) with { Digest = b.DigestSha256Hex },
            NetworkStatus2 s => At(facts, s.Published) with { Fingerprint = s.Fingerprint },
            BridgePoolAssignment p => At(facts, p.Published),
            BridgedbMetrics m => At(facts, m.MetricsEnd),
            SnowflakeStats s => At(facts, s.StatsEnd),
            ExitList { Downloaded: { } downloaded } => At(facts, downloaded),
            OnionPerfAnalysis a => OnionPerf(facts, a, fileName),
            WebServerAccessLog log => WebLog(facts, log),
            _ when document.Kind == DescriptorKind.BandwidthFile => facts with { Digest = Convert.ToHexString(document.Sha256) },
            _ => facts,
        };
    }

    private static PlacementFacts At(PlacementFacts facts, DateTime time) => facts with { Time = Utc(time), Published = Utc(time) };

    // CollecTor names an analysis after the file it fetched (YYYY-MM-DD.<source>.onionperf.analysis.json.xz); a
    // renamed copy is named after its first measurement and measuring host instead.
    private static PlacementFacts OnionPerf(PlacementFacts facts, OnionPerfAnalysis analysis, string? fileName)
    {
        var source = analysis.Sources.Count > 0 ? analysis.Sources[0].Name : null;
        var starts = analysis.Sources.SelectMany(s => s.Transfers).Select(t => t.Start).ToList();
        if (fileName is not null && OnionPerfFileName().Match(fileName) is { Success: true } name)
        {
            var date = DateTime.ParseExact(name.Groups["date"].Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
            return At(facts, date) with { Source = name.Groups["source"].Value };
        }

        var first = starts.Count > 0 ? starts.Min() : facts.Time;
        return At(facts, first.Date) with { Source = source };
    }

    private static PlacementFacts WebLog(PlacementFacts facts, WebServerAccessLog log)
    {
        var date = log.LogDate?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
                   ?? (log.Lines.Count > 0 ? log.Lines[0].Time.Date : facts.Time.Date);
        return At(facts, date) with { VirtualHost = log.VirtualHost, PhysicalHost = log.PhysicalHost };
    }

    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Utc ? time : DateTime.SpecifyKind(time, DateTimeKind.Utc);

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})\.(?<source>.+)\.onionperf\.analysis\.json(\.xz)?$")]
    private static partial Regex OnionPerfFileName();
}
