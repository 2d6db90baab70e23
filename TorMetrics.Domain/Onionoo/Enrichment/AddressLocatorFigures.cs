namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>What an <see cref="AddressLocator"/> holds: ranges per table, and the time it took to read the files.</summary>
public sealed record AddressLocatorFigures(
    int CountryRangesV4, int CountryRangesV6, int AsRangesV4, int AsRangesV6, TimeSpan LoadTime);
