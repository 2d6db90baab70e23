using System.Globalization;
using TorMetrics.Domain.Onionoo;
using TorMetrics.Domain.Onionoo.Query;
using TorMetrics.Web.Onionoo;

namespace TorMetrics.Web.Admin.Relays;

/// <summary>
/// Finds the node a relay page shows, as <c>details?lookup=</c> would: a relay by fingerprint or hashed fingerprint,
/// a bridge by hashed or double-hashed fingerprint (any case, '$' allowed), in the live snapshot or the as_of day's.
/// </summary>
public static class RelayLookup
{
    public static async Task<RelayLookupResult> FindAsync(
        OnionooSnapshotProvider snapshots, string fingerprint, string? asOf, DateTime now)
    {
        var key = fingerprint.Trim().TrimStart('$');
        var raw = "lookup=" + Uri.EscapeDataString(key)
                  + (string.IsNullOrEmpty(asOf) ? "" : "&" + OnionooQueryParser.AsOfParameter + "=" + Uri.EscapeDataString(asOf));
        OnionooQuery query;
        try
        {
            query = OnionooQueryParser.Parse(raw, now);
        }
        catch (OnionooQueryException e)
        {
            // A malformed fingerprint names no relay; only a malformed date is the caller's mistake.
            return e.Parameter == OnionooQueryParser.AsOfParameter
                ? new RelayLookupResult(RelayLookupOutcome.BadRequest, null, e.Message)
                : new RelayLookupResult(RelayLookupOutcome.NotFound, null, $"'{fingerprint}' is not a fingerprint or hashed fingerprint.");
        }

        var snapshot = query.AsOf is { } day ? await snapshots.GetPastDayAsync(day) : snapshots.Current;
        if (snapshot is null)
        {
            return new RelayLookupResult(RelayLookupOutcome.NotReady, null, RelaySearch.NotReadyMessage);
        }

        var selection = OnionooQueryEngine.Select(snapshot, OnionooResource.Details, query, query.DaysCountedFrom(now));
        return selection.Relays.Concat(selection.Bridges).FirstOrDefault() is { } node
            ? new RelayLookupResult(RelayLookupOutcome.Found, node, null)
            : new RelayLookupResult(RelayLookupOutcome.NotFound, null,
                query.AsOf is { } asOfDay
                    ? $"No relay or bridge {key} was served on {asOfDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}."
                    : $"No relay or bridge {key} is served now (Onionoo serves those seen in the last 7 days).");
    }
}

public enum RelayLookupOutcome
{
    Found,
    NotFound,
    BadRequest,
    NotReady,
}

public sealed record RelayLookupResult(RelayLookupOutcome Outcome, OnionooNode? Node, string? Message)
{
    public int StatusCode => Outcome switch
    {
        RelayLookupOutcome.Found => StatusCodes.Status200OK,
        RelayLookupOutcome.NotFound => StatusCodes.Status404NotFound,
        RelayLookupOutcome.BadRequest => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status503ServiceUnavailable,
    };
}
