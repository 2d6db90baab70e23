using System.Security.Cryptography;
using System.Text;

namespace TorMetrics.Domain.Data.Migrations;

/// <summary>One ordered SQL file from <c>migrations/</c>, named <c>NNNN_description.sql</c>.</summary>
public sealed record MigrationScript(string Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the file with line endings normalised, so a checkout with CRLF is not a different migration.</summary>
    public string Checksum =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    public static MigrationScript FromFileName(string fileName, string sql)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var underscore = stem.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !stem[..underscore].All(char.IsAsciiDigit))
        {
            throw new InvalidOperationException(
                $"Migration file '{fileName}' must be named NNNN_description.sql.");
        }

        return new MigrationScript(stem[..underscore], stem[(underscore + 1)..], sql);
    }
}
