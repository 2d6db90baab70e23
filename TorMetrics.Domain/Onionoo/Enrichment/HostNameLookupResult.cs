using System.Net;

namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>The outcome for one address: its names, or the reason the lookup failed (then no names).</summary>
public sealed record HostNameLookupResult(IPAddress Address, IReadOnlyList<string> Verified, IReadOnlyList<string> Unverified, string? Error);
