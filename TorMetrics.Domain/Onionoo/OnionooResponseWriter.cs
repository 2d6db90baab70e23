using System.Globalization;
using System.Text;
using TorMetrics.Domain.Onionoo.Query;

namespace TorMetrics.Domain.Onionoo;

/// <summary>
/// Writes the response envelope byte for byte as upstream does (protocol §3): each node object on its own line,
/// published times always present, skipped/truncated counters only when non-zero.
/// </summary>
public static class OnionooResponseWriter
{
    public const string ProtocolVersion = "8.0";

    public static byte[] WriteEverything(OnionooSnapshot snapshot, OnionooResource resource) =>
        Write(snapshot, resource, OnionooQueryEngine.Select(snapshot, resource, OnionooQuery.Everything, snapshot.BuiltAt), null);

    public static byte[] Write(OnionooSnapshot snapshot, OnionooResource resource, OnionooSelection selection, IReadOnlySet<string>? fields)
    {
        int estimate = 256 + (selection.Relays.Count + selection.Bridges.Count) * (resource == OnionooResource.Summary ? 120 : 1500);
        using var output = new MemoryStream(estimate);
        Ascii(output, "{\"version\":\"" + ProtocolVersion + "\",\n");
        Ascii(output, "\"relays_published\":\"" + FormatTime(snapshot.RelaysPublished) + "\",\n");
        if (selection.RelaysSkipped > 0)
        {
            Ascii(output, "\"relays_skipped\":" + Number(selection.RelaysSkipped) + ",\n");
        }

        Ascii(output, "\"relays\":[");
        WriteNodes(output, selection.Relays, resource, fields);
        Ascii(output, "\n],\n");
        if (selection.RelaysTruncated > 0)
        {
            Ascii(output, "\"relays_truncated\":" + Number(selection.RelaysTruncated) + ",\n");
        }

        Ascii(output, "\"bridges_published\":\"" + FormatTime(snapshot.BridgesPublished) + "\",\n");
        if (selection.BridgesSkipped > 0)
        {
            Ascii(output, "\"bridges_skipped\":" + Number(selection.BridgesSkipped) + ",\n");
        }

        Ascii(output, "\"bridges\":[");
        WriteNodes(output, selection.Bridges, resource, fields);
        Ascii(output, "\n]");
        if (selection.BridgesTruncated > 0)
        {
            Ascii(output, ",\n\"bridges_truncated\":" + Number(selection.BridgesTruncated));
        }

        Ascii(output, "}\n");
        return output.ToArray();
    }

    /// <summary>Onionoo's timestamp format, UTC; the epoch when nothing was published.</summary>
    public static string FormatTime(DateTime? time) =>
        (time ?? DateTime.UnixEpoch).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static void WriteNodes(MemoryStream output, IReadOnlyList<OnionooNode> nodes, OnionooResource resource, IReadOnlySet<string>? fields)
    {
        for (int i = 0; i < nodes.Count; i++)
        {
            output.Write(i == 0 ? "\n"u8 : ",\n"u8);
            var node = nodes[i];
            switch (resource)
            {
                case OnionooResource.Summary: output.Write(node.Summary); break;
                case OnionooResource.Details: WriteDetails(output, node, fields); break;
                case OnionooResource.Bandwidth: output.Write(node.Bandwidth); break;
                case OnionooResource.Weights: output.Write(node.Weights); break;
                case OnionooResource.Clients: output.Write(node.Clients); break;
                default: output.Write(node.Uptime); break;
            }
        }
    }

    private static void WriteDetails(MemoryStream output, OnionooNode node, IReadOnlySet<string>? fields)
    {
        output.WriteByte((byte)'{');
        bool first = true;
        foreach (var member in node.Details)
        {
            if (fields is not null && !fields.Contains(member.Name))
            {
                continue;
            }

            if (!first)
            {
                output.WriteByte((byte)',');
            }

            output.Write(member.Json);
            first = false;
        }

        output.WriteByte((byte)'}');
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Ascii(MemoryStream output, string text) => output.Write(Encoding.ASCII.GetBytes(text));
}
