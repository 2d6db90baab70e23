namespace TorMetrics.Domain.Data;

/// <summary>
/// The private PostgreSQL cluster that <c>scripts/postgres.sh</c> keeps inside the project folder. When no
/// connection string is configured, the app uses it: the script writes its connection string to
/// <c>.data/postgres/connection-string</c> (password generated on first start, never committed).
/// </summary>
public static class LocalCluster
{
    public const string ConnectionFile = ".data/postgres/connection-string";

    public static string? FindConnectionString(params string[] startDirectories)
    {
        foreach (var start in startDirectories)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, ConnectionFile);
                if (File.Exists(candidate))
                {
                    return File.ReadAllText(candidate).Trim();
                }
            }
        }

        return null;
    }
}
