namespace TorMetrics.Domain.Data.Migrations;

/// <summary>An applied migration's file was edited afterwards: the database no longer matches the code's history.</summary>
public sealed class MigrationChecksumException(string version, string applied, string current)
    : Exception($"Migration {version} was edited after it was applied (applied checksum {applied}, file checksum {current}). " +
                "Applied migrations are immutable: revert the edit and add a new migration instead.");
