using TorMetrics.Domain.Onionoo;
using TorMetrics.Domain.Onionoo.Query;
using TorMetrics.Web.Onionoo;

namespace TorMetrics.Web.Admin.Relays;

/// <summary>
/// Runs a relay search exactly as the REST service answers <c>/summary</c>: the form's Onionoo query string goes
/// through <see cref="OnionooQueryParser"/> and <see cref="OnionooQueryEngine"/> on the live snapshot (or the
/// <c>as_of</c> day's), so both sides accept, reject and order the same way.
/// </summary>
public static class RelaySearch
{
    public const string NotReadyMessage =
        "The Onionoo updater has not published documents yet; it runs after statuses are imported and hourly.";

    public static async Task<RelaySearchResult> RunAsync(RelaySearchForm form, OnionooSnapshotProvider snapshots, DateTime now)
    {
        OnionooQuery query;
        try
        {
            query = OnionooQueryParser.Parse(form.ToOnionooQuery(), now);
        }
        catch (OnionooQueryException e)
        {
            return new RelaySearchResult(form) { Problem = new RelaySearchProblem(e.Parameter, e.Message) };
        }

        var snapshot = query.AsOf is { } day ? await snapshots.GetPastDayAsync(day) : snapshots.Current;
        if (snapshot is null)
        {
            return new RelaySearchResult(form) { Problem = new RelaySearchProblem(null, NotReadyMessage) };
        }

        return new RelaySearchResult(form)
        {
            Query = query,
            Selection = OnionooQueryEngine.Select(snapshot, OnionooResource.Summary, query, query.DaysCountedFrom(now)),
        };
    }
}
