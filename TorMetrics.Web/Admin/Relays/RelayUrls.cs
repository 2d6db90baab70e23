using TorMetrics.Domain.Onionoo.Query;

namespace TorMetrics.Web.Admin.Relays;

/// <summary>Where a relay's page and its charts fragment live; as_of and period travel in the query string.</summary>
public static class RelayUrls
{
    public static string Page(string key, string? asOf = null, string? period = null) =>
        "/admin/relays/" + Uri.EscapeDataString(key) + Query(asOf, period);

    public static string Charts(string key, string? asOf, string period) =>
        "/admin/relays/" + Uri.EscapeDataString(key) + "/charts" + Query(asOf, period);

    private static string Query(string? asOf, string? period)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(asOf))
        {
            parts.Add(OnionooQueryParser.AsOfParameter + "=" + Uri.EscapeDataString(asOf));
        }

        if (!string.IsNullOrEmpty(period))
        {
            parts.Add("period=" + Uri.EscapeDataString(period));
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
