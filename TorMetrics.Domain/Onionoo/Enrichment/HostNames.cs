namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>
/// Reverse DNS names of an address (Onionoo details' <c>verified_host_names</c> and <c>unverified_host_names</c>):
/// verified names resolve forward (A record) to the same address, unverified ones do not.
/// </summary>
public sealed record HostNames(IReadOnlyList<string> Verified, IReadOnlyList<string> Unverified);
