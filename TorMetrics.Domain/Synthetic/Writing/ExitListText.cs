using System.Text;

namespace TorMetrics.Domain.Synthetic.Writing;

/// <summary>One exit relay's block of an exit list.</summary>
public sealed record ExitListEntry(string Fingerprint, DateTime Published, DateTime LastStatus, string ExitAddress, DateTime Scanned);

/// <summary>Writes a TorDNSEL exit list as CollecTor stores it (<c>@type tordnsel 1.0</c>, a Downloaded line, then blocks).</summary>
public static class ExitListText
{
    public static byte[] Write(DateTime downloaded, IEnumerable<ExitListEntry> entries)
    {
        var text = new StringBuilder(256 * 1024);
        text.Append("@type tordnsel 1.0\nDownloaded ").Append(RelayDescriptorText.Time(downloaded)).Append('\n');
        foreach (var entry in entries.OrderBy(e => e.Fingerprint, StringComparer.Ordinal))
        {
            text.Append("ExitNode ").Append(entry.Fingerprint).Append('\n')
                .Append("Published ").Append(RelayDescriptorText.Time(entry.Published)).Append('\n')
                .Append("LastStatus ").Append(RelayDescriptorText.Time(entry.LastStatus)).Append('\n')
                .Append("ExitAddress ").Append(entry.ExitAddress).Append(' ').Append(RelayDescriptorText.Time(entry.Scanned)).Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
