namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>What one reverse DNS run did.</summary>
/// <param name="Due">Addresses of the newest consensus never looked up, last looked up too long ago, or failed last time.</param>
/// <param name="LookedUp">Addresses whose outcome was stored (with or without names, or failed).</param>
/// <param name="WithNames">Stored addresses that have at least one name.</param>
/// <param name="VerifiedNames">Names found that resolve back to their address, over all stored addresses.</param>
/// <param name="UnverifiedNames">Names found that do not.</param>
/// <param name="Failed">Stored addresses whose PTR lookup failed or timed out; they are due again next run.</param>
/// <param name="NotReached">Due addresses left for the next run because the time budget ran out.</param>
/// <param name="Pruned">Rows deleted because they were older than <see cref="ReverseDnsOptions.ForgetAfter"/>.</param>
public sealed record ReverseDnsReport(
    int Due, int LookedUp, int WithNames, int VerifiedNames, int UnverifiedNames, int Failed, int NotReached, int Pruned);
