using System.Globalization;
using System.Text;
using TorMetrics.Domain.Onionoo.Query;

namespace TorMetrics.Web.Admin.Relays;

/// <summary>
/// The relay search form. Its field names are Onionoo's parameter names, and it is turned back into an Onionoo query
/// string for <see cref="OnionooQueryParser"/>, so the admin search has the REST service's semantics and error
/// messages exactly. The page's own URL carries the same query string, so a search can be bookmarked or shared.
/// </summary>
public sealed record RelaySearchForm
{
    public const string PagePath = "/admin/relays";
    public const string TablePath = "/admin/relays/table";
    public const string DefaultLimit = "50";

    public string? Search { get; init; }

    public string? Type { get; init; }

    public string? Running { get; init; }

    public string? Flag { get; init; }

    public string? Country { get; init; }

    public string? Version { get; init; }

    public string? Contact { get; init; }

    public string? Order { get; init; }

    public string? Offset { get; init; }

    /// <summary>The page size; a URL without <c>limit</c> gets the default, an empty one means no limit.</summary>
    public string? Limit { get; init; } = DefaultLimit;

    public string? AsOf { get; init; }

    /// <summary>Reads the form from a page or fragment URL. A form box is trimmed; an empty one is not sent.</summary>
    public static RelaySearchForm FromQuery(IQueryCollection query) => new()
    {
        Search = Value(query, "search"),
        Type = Value(query, "type"),
        Running = Value(query, "running"),
        Flag = Value(query, "flag"),
        Country = Value(query, "country"),
        Version = Value(query, "version"),
        Contact = Value(query, "contact"),
        Order = Value(query, "order"),
        Offset = Value(query, "offset"),
        Limit = query.ContainsKey("limit") ? Value(query, "limit") : DefaultLimit,
        AsOf = Value(query, OnionooQueryParser.AsOfParameter),
    };

    /// <summary>The Onionoo query string (without '?'): values percent-encoded, spaces as %20 since '+' is literal there.</summary>
    public string ToOnionooQuery()
    {
        var query = new StringBuilder();
        foreach (var (name, value) in Parameters())
        {
            query.Append(query.Length == 0 ? "" : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return query.ToString();
    }

    public string PageUrl() => Url(PagePath);

    public string TableUrl() => Url(TablePath);

    /// <summary>The same search ordered differently, from its first page.</summary>
    public RelaySearchForm OrderedBy(string order) => this with { Order = order, Offset = null };

    public RelaySearchForm AtOffset(int offset) =>
        this with { Offset = offset > 0 ? offset.ToString(CultureInfo.InvariantCulture) : null };

    private string Url(string path)
    {
        // An explicit empty limit must survive the round trip, or the URL would fall back to the default page size.
        var query = ToOnionooQuery();
        if (Limit is null)
        {
            query += (query.Length == 0 ? "" : "&") + "limit=";
        }

        return query.Length == 0 ? path : path + "?" + query;
    }

    private IEnumerable<(string Name, string Value)> Parameters()
    {
        (string, string?)[] all =
        [
            ("search", Search), ("type", Type), ("running", Running), ("flag", Flag), ("country", Country),
            ("version", Version), ("contact", Contact), ("order", Order), ("offset", Offset), ("limit", Limit),
            (OnionooQueryParser.AsOfParameter, AsOf),
        ];
        foreach (var (name, value) in all)
        {
            if (value is not null)
            {
                yield return (name, value);
            }
        }
    }

    private static string? Value(IQueryCollection query, string name) =>
        query[name].FirstOrDefault()?.Trim() is { Length: > 0 } value ? value : null;
}
