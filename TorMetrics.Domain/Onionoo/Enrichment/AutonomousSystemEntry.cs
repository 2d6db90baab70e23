namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>One autonomous system as Onionoo prints it: "AS" and the number, and its name when the database has one.</summary>
internal sealed record AutonomousSystemEntry(string Number, string? Name);
