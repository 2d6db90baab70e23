namespace TorMetrics.Domain.Data.Migrations;

public sealed record MigrationReport(int PreviouslyApplied, IReadOnlyList<string> NewlyApplied);
