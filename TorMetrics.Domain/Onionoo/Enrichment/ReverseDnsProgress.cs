namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>Addresses whose outcome is stored, of those due in this run.</summary>
public sealed record ReverseDnsProgress(int Done, int Total);
