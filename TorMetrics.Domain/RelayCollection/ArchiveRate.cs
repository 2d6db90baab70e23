namespace TorMetrics.Domain.RelayCollection;

/// <summary>One consensus period: for each document type, how many documents were referenced and how many are archived.</summary>
public sealed record ArchiveRatePeriod(DateTime ValidAfter, IReadOnlyList<ArchiveRateCount> Kinds, TimeSpan? ConsensusArchivedAfter, TimeSpan? MicrodescArchivedAfter)
{
    public long Referenced => Kinds.Sum(k => k.Referenced);

    public long Archived => Kinds.Sum(k => k.Archived);

    public long Missing => Referenced - Archived;

    public double MissingPercent => Referenced == 0 ? 0 : 100.0 * Missing / Referenced;
}

/// <summary>One document type of a period (its CollecTor type name): referenced and archived counts.</summary>
public sealed record ArchiveRateCount(string Kind, long Referenced, long Archived)
{
    public long Missing => Referenced - Archived;

    public double ArchivedPercent => Referenced == 0 ? 100 : 100.0 * Archived / Referenced;
}

/// <summary>A referenced document the archive lacks: its period, type and digest (hex; base64 for microdescriptors).</summary>
public sealed record MissingDocument(DateTime ValidAfter, string Kind, string Digest);

/// <summary>Archive rate per document type over a range of periods.</summary>
public sealed record ArchiveRateTotals(IReadOnlyList<ArchiveRateCount> Kinds)
{
    public static ArchiveRateTotals Of(IEnumerable<ArchiveRatePeriod> periods) =>
        new(periods.SelectMany(p => p.Kinds).GroupBy(k => k.Kind, StringComparer.Ordinal)
            .Select(g => new ArchiveRateCount(g.Key, g.Sum(k => k.Referenced), g.Sum(k => k.Archived)))
            .OrderBy(k => ArchiveRateQueries.KindOrder(k.Kind)).ToList());
}
