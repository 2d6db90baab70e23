using System.Globalization;
using System.Text;

namespace TorMetrics.Web.TestNetwork;

/// <summary>
/// The bandwidth file the v3 authorities vote with (<c>V3BandwidthsFile</c>), so that votes carry
/// <c>bandwidth-file-digest</c> and the collector has bandwidth files to archive (local-tor-network.md §2.6).
/// </summary>
internal static class BandwidthFileWriter
{
    public static void Write(string path, IEnumerable<TestNetworkNode> relays, DateTime now)
    {
        var text = new StringBuilder();
        text.Append(new DateTimeOffset(now).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("version=1.4.0\n");
        text.Append("software=tormetrics-testnet\n");
        text.Append("software_version=1\n");
        text.Append("latest_bandwidth=").Append(now.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("=====\n");
        var rank = 0;
        foreach (var relay in relays)
        {
            rank++;
            text.Append(CultureInfo.InvariantCulture, $"bw={100 * rank} node_id=${relay.Fingerprint}\n");
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, path, overwrite: true);
    }
}
