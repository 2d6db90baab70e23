using System.Globalization;
using System.Text;
using Npgsql;

namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>
/// The consensus the generator compares with: which relays are in it (the cap's sum and the 60 % rule count only
/// those) and their weights in bytes per second, which the relay lines report as <c>consensus_bandwidth</c>.
/// </summary>
public sealed record ConsensusWeights(byte[][] Fingerprints, long?[] Bandwidths, bool[] Unmeasured)
{
    public int Count => Fingerprints.Length;

    /// <summary>
    /// Reads the router entries of a consensus file the way tor's data directory holds it. Only <c>r</c> and
    /// <c>w</c> lines matter here, so this reads them leniently: a scanner's cached consensus need not be a
    /// signed, complete document for its relay list to be right.
    /// </summary>
    public static ConsensusWeights ReadFile(string path)
    {
        var fingerprints = new List<byte[]>();
        var bandwidths = new List<long?>();
        var unmeasured = new List<bool>();
        foreach (var line in File.ReadLines(path, Encoding.ASCII))
        {
            if (line.StartsWith("r ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                fingerprints.Add(Convert.FromBase64String(parts[2].PadRight((parts[2].Length + 3) / 4 * 4, '=')));
                bandwidths.Add(null);
                unmeasured.Add(false);
            }
            else if (line.StartsWith("w ", StringComparison.Ordinal) && fingerprints.Count > 0)
            {
                foreach (var token in line.Split(' ').Skip(1))
                {
                    if (token.StartsWith("Bandwidth=", StringComparison.Ordinal))
                    {
                        // The consensus counts in kilobytes of 1000 bytes.
                        bandwidths[^1] = long.Parse(token["Bandwidth=".Length..], NumberStyles.None, CultureInfo.InvariantCulture) * 1000;
                    }
                    else if (token == "Unmeasured=1")
                    {
                        unmeasured[^1] = true;
                    }
                }
            }
        }

        return new ConsensusWeights([.. fingerprints], [.. bandwidths], [.. unmeasured]);
    }

    /// <summary>The newest archived ns consensus valid after no later than <paramref name="now"/>; null if none.</summary>
    public static async Task<ConsensusWeights?> ReadLatestAsync(NpgsqlConnection connection, DateTime now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT e.fingerprint, e.bandwidth * 1000, e.unmeasured
            FROM status_entries e
            WHERE e.status_id = (SELECT id FROM network_statuses
                                     WHERE flavor = 'ns' AND NOT is_vote AND valid_after <= $1
                                     ORDER BY valid_after DESC LIMIT 1)
            """, connection);
        command.Parameters.Add(new() { Value = now, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        var fingerprints = new List<byte[]>();
        var bandwidths = new List<long?>();
        var unmeasured = new List<bool>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            fingerprints.Add((byte[])reader[0]);
            bandwidths.Add(reader.IsDBNull(1) ? null : reader.GetInt64(1));
            unmeasured.Add(reader.GetBoolean(2));
        }

        return fingerprints.Count == 0 ? null : new ConsensusWeights([.. fingerprints], [.. bandwidths], [.. unmeasured]);
    }
}
