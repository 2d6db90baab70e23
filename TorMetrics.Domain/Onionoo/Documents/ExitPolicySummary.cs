using System.Text.Json;

namespace TorMetrics.Domain.Onionoo.Documents;

/// <summary>A "p" line or ipv6-policy ("accept 80,443") as Onionoo's <c>{"accept":["80","443"]}</c>.</summary>
internal static class ExitPolicySummary
{
    public static bool TryWrite(string? policy, Action<string, Action<Utf8JsonWriter>> member, string name)
    {
        if (string.IsNullOrWhiteSpace(policy))
        {
            return false;
        }

        var parts = policy.Trim().Split(' ', 2);
        if (parts.Length != 2 || parts[0] is not ("accept" or "reject"))
        {
            return false;
        }

        member(name, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray(parts[0]);
            foreach (var port in parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                w.WriteStringValue(port);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        return true;
    }
}
