using System.Globalization;
using System.Text.RegularExpressions;

namespace TorMetrics.Domain.Onionoo.Query;

/// <summary>
/// Turns a raw query string into an <see cref="OnionooQuery"/> with Onionoo protocol 8.0's exact acceptance rules
/// (onionoo-protocol.md §2.4, §4, §5): anything it does not accept throws <see cref="OnionooQueryException"/>.
/// </summary>
public static partial class OnionooQueryParser
{
    public const string AsOfParameter = "as_of";

    /// <summary>Every parameter a request may carry.</summary>
    public static IReadOnlyList<string> KnownParameters { get; } =
    [
        "type", "running", "search", "lookup", "country", "as", "as_name", "flag", "first_seen_days",
        "first_seen_since", "last_seen_days", "last_seen_since", "contact", "order", "limit", "offset", "fields",
        "family", "version", "os", "host_name", "recommended_version", "overload_status", "transport", AsOfParameter,
    ];

    // Parameters a qualified search term ("key:value") may not set.
    private static readonly HashSet<string> NotQualifiable =
        new(["search", "fingerprint", "order", "limit", "offset", "fields", AsOfParameter], StringComparer.Ordinal);

    private static readonly HashSet<string> Known = new(KnownParameters, StringComparer.Ordinal);

    /// <param name="rawQuery">The query string as sent, with or without '?'.</param>
    /// <param name="now">The time day-based filters count from (the request time, or the as_of day's end).</param>
    public static OnionooQuery Parse(string? rawQuery, DateTime now)
    {
        var parameters = new Dictionary<string, string>(QueryString.Parse(rawQuery), StringComparer.Ordinal);
        foreach (var key in parameters.Keys)
        {
            if (!Known.Contains(key))
            {
                throw new OnionooQueryException(key, $"Unknown parameter '{key}'. Known parameters: {string.Join(", ", KnownParameters)}.");
            }
        }

        var search = parameters.TryGetValue("search", out var searchText) ? ParseSearch(searchText, parameters) : [];

        DateOnly? asOf = null;
        if (parameters.TryGetValue(AsOfParameter, out var asOfText))
        {
            asOf = ParseDate(AsOfParameter, asOfText);
            now = asOf.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(1);
        }

        return new OnionooQuery
        {
            Bridges = GetValue(parameters, "type", v => ParseType(v)),
            Running = GetValue(parameters, "running", v => ParseBoolean("running", v)),
            Search = search,
            Lookup = Get(parameters, "lookup", ParseLookup),
            Country = Get(parameters, "country", ParseCountry),
            AutonomousSystems = Get(parameters, "as", ParseAutonomousSystems),
            AutonomousSystemName = Get(parameters, "as_name", v => ParseWords("as_name", v)),
            Flag = Get(parameters, "flag", ParseFlag),
            FirstSeenDays = ParseSeen(parameters, "first_seen", now),
            LastSeenDays = ParseSeen(parameters, "last_seen", now),
            Contact = Get(parameters, "contact", v => ParseWords("contact", v)),
            Family = Get(parameters, "family", ParseFamily),
            Versions = Get(parameters, "version", ParseVersions),
            OperatingSystem = Get(parameters, "os", v => Printable("os", v).ToLowerInvariant()),
            HostName = Get(parameters, "host_name", ParseHostName),
            RecommendedVersion = GetValue(parameters, "recommended_version", v => ParseBoolean("recommended_version", v)),
            Overloaded = GetValue(parameters, "overload_status", v => ParseBoolean("overload_status", v)),
            Transport = Get(parameters, "transport", v => Printable("transport", v).ToLowerInvariant()),
            Order = Get(parameters, "order", ParseOrder) ?? [],
            Offset = GetValue(parameters, "offset", v => ParseInteger("offset", v)),
            Limit = GetValue(parameters, "limit", v => ParseInteger("limit", v)),
            Fields = Get(parameters, "fields", ParseFields),
            AsOf = asOf,
        };
    }

    private static T? Get<T>(Dictionary<string, string> parameters, string key, Func<string, T> parse)
        where T : class =>
        parameters.TryGetValue(key, out var value) ? parse(value) : null;

    private static T? GetValue<T>(Dictionary<string, string> parameters, string key, Func<string, T> parse)
        where T : struct =>
        parameters.TryGetValue(key, out var value) ? parse(value) : null;

    // search: split on single spaces, group double-quoted words, validate each term; qualified terms ("key:value")
    // fill parameters the URL did not set (the URL and earlier terms win).
    private static List<string> ParseSearch(string text, Dictionary<string, string> parameters)
    {
        var terms = new List<string>();
        string? open = null;
        foreach (var token in text.Split(' '))
        {
            if (open is not null)
            {
                open += " " + token;
                if (UnescapedQuotes(token) % 2 == 1)
                {
                    terms.Add(open);
                    open = null;
                }
            }
            else if (UnescapedQuotes(token) % 2 == 1)
            {
                open = token;
            }
            else
            {
                terms.Add(token);
            }
        }

        if (open is not null)
        {
            throw new OnionooQueryException("search", "Parameter 'search' has an unclosed double quote.");
        }

        var plain = new List<string>();
        foreach (var term in terms)
        {
            var qualified = QualifiedTerm().Match(term);
            if (qualified.Success)
            {
                var key = qualified.Groups["key"].Value;
                if (Known.Contains(key) && !NotQualifiable.Contains(key))
                {
                    parameters.TryAdd(key, Unquote(qualified.Groups["value"].Value));
                    continue;
                }

                if (!Ipv6Term().IsMatch(term))
                {
                    throw new OnionooQueryException("search", $"Parameter 'search' has a term '{term}' that qualifies an unknown or unsearchable parameter '{key}'.");
                }
            }

            if (!HexTerm().IsMatch(term) && !Base64Term().IsMatch(term) && !NicknameOrIpv4Term().IsMatch(term) && !Ipv6Term().IsMatch(term))
            {
                throw new OnionooQueryException("search",
                    $"Parameter 'search' has a term '{term}' that is not a nickname, (hashed) fingerprint or prefix, base64 fingerprint, address prefix, or key:value term.");
            }

            plain.Add(term);
        }

        return plain;
    }

    private static int UnescapedQuotes(string token)
    {
        int count = 0;
        for (int i = 0; i < token.Length; i++)
        {
            if (token[i] == '"' && (i == 0 || token[i - 1] != '\\'))
            {
                count++;
            }
        }

        return count;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        return value.Replace("\\\"", "\"", StringComparison.Ordinal);
    }

    private static bool ParseType(string value) =>
        value.ToLowerInvariant() switch
        {
            "relay" => false,
            "bridge" => true,
            _ => throw new OnionooQueryException("type", $"Parameter 'type' must be 'relay' or 'bridge', not '{value}'."),
        };

    private static bool ParseBoolean(string key, string value) =>
        value.ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => throw new OnionooQueryException(key, $"Parameter '{key}' must be 'true' or 'false', not '{value}'."),
        };

    private static HashSet<string> ParseLookup(string value)
    {
        var items = value.Split(',');
        if (items.Any(i => !Fingerprint().IsMatch(i)))
        {
            throw new OnionooQueryException("lookup",
                "Parameter 'lookup' must be a comma-separated list of 40-character fingerprints or hashed fingerprints (no '$', no empty items).");
        }

        return items.Select(i => i.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
    }

    private static string ParseCountry(string value) =>
        CountryCode().IsMatch(value)
            ? value.ToLowerInvariant()
            : throw new OnionooQueryException("country", $"Parameter 'country' must be a two-letter country code, not '{value}'.");

    private static HashSet<string> ParseAutonomousSystems(string value)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in value.Split(','))
        {
            var match = AutonomousSystem().Match(item);
            if (!match.Success || !uint.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                throw new OnionooQueryException("as",
                    $"Parameter 'as' item '{item}' is not an AS number (optional 'AS' prefix and up to 10 digits, at most 4294967295).");
            }

            result.Add("AS" + number.ToString(CultureInfo.InvariantCulture));
        }

        return result;
    }

    private static string[] ParseWords(string key, string value) =>
        Printable(key, value).ToLowerInvariant().Split(' ');

    private static string Printable(string key, string value) =>
        value.All(c => c is >= ' ' and <= '~')
            ? value
            : throw new OnionooQueryException(key, $"Parameter '{key}' may contain printable ASCII characters only.");

    private static string ParseFlag(string value) =>
        FlagName().IsMatch(value)
            ? value.ToLowerInvariant()
            : throw new OnionooQueryException("flag", $"Parameter 'flag' must be a flag name (1 to 20 letters or digits), not '{value}'.");

    private static DayRange? ParseSeen(Dictionary<string, string> parameters, string prefix, DateTime now)
    {
        var sinceKey = prefix + "_since";
        if (parameters.TryGetValue(sinceKey, out var since))
        {
            var date = ParseDate(sinceKey, since).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var days = date >= now ? 0 : (int)Math.Floor((now - date).TotalDays);
            return new DayRange(0, days);
        }

        var daysKey = prefix + "_days";
        return parameters.TryGetValue(daysKey, out var text) ? ParseDays(daysKey, text) : null;
    }

    private static DayRange ParseDays(string key, string value)
    {
        if (!DayRangeText().IsMatch(value))
        {
            throw new OnionooQueryException(key, $"Parameter '{key}' must be a number of days or a range such as '2-5', '2-' or '-5'.");
        }

        var parts = value.Split('-');
        if (parts.Length > 2)
        {
            throw new OnionooQueryException(key, $"Parameter '{key}' has more than one '-'.");
        }

        int min = parts[0].Length == 0 ? 0 : Days(key, parts[0]);
        int? max = parts.Length == 1 ? min : parts[1].Length == 0 ? null : Days(key, parts[1]);
        if (max < min)
        {
            throw new OnionooQueryException(key, $"Parameter '{key}' has its lower bound above its upper bound.");
        }

        return new DayRange(min, max);
    }

    private static int Days(string key, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            ? days
            : throw new OnionooQueryException(key, $"Parameter '{key}' has a number of days that is too large.");

    private static DateOnly ParseDate(string key, string value) =>
        value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new OnionooQueryException(key, $"Parameter '{key}' must be a date YYYY-MM-DD, not '{value}'.");

    private static string ParseFamily(string value) =>
        Fingerprint().IsMatch(value)
            ? value.ToUpperInvariant()
            : throw new OnionooQueryException("family", "Parameter 'family' must be exactly one 40-character relay fingerprint.");

    private static List<VersionRange> ParseVersions(string value)
    {
        if (!VersionText().IsMatch(value))
        {
            throw new OnionooQueryException("version", "Parameter 'version' may contain letters, digits, '.', ',' and '-' only.");
        }

        var ranges = new List<VersionRange>();
        foreach (var item in value.Split(','))
        {
            int dots = item.LastIndexOf("..", StringComparison.Ordinal);
            TorVersion? from, to;
            if (dots < 0)
            {
                from = to = TorVersion.TryParse(item);
            }
            else
            {
                from = TorVersion.TryParse(item[..dots]);
                to = TorVersion.TryParse(item[(dots + 2)..]);
            }

            if (from is null && to is null)
            {
                throw new OnionooQueryException("version", $"Parameter 'version' item '{item}' is neither a tor version nor a range of them.");
            }

            if (from is not null && to is not null && from.CompareTo(to) > 0)
            {
                throw new OnionooQueryException("version", $"Parameter 'version' range '{item}' starts above its end.");
            }

            ranges.Add(new VersionRange(from, to));
        }

        return ranges;
    }

    private static string ParseHostName(string value) =>
        HostNameText().IsMatch(value)
            ? value.ToLowerInvariant()
            : throw new OnionooQueryException("host_name", $"Parameter 'host_name' must be a host name or its ending, not '{value}'.");

    private static List<OrderKey> ParseOrder(string value)
    {
        if (!OrderText().IsMatch(value) || value.Length == 0)
        {
            throw new OnionooQueryException("order", "Parameter 'order' must list consensus_weight and/or first_seen, each optionally prefixed by '-'.");
        }

        var keys = new List<OrderKey>();
        foreach (var item in value.ToLowerInvariant().Split(','))
        {
            bool descending = item.StartsWith('-');
            var field = (descending ? item[1..] : item) switch
            {
                "consensus_weight" => OrderField.ConsensusWeight,
                "first_seen" => OrderField.FirstSeen,
                _ => throw new OnionooQueryException("order", $"Parameter 'order' cannot order by '{item}'; use consensus_weight or first_seen."),
            };
            if (keys.Any(k => k.Field == field))
            {
                throw new OnionooQueryException("order", $"Parameter 'order' names '{field}' more than once.");
            }

            keys.Add(new OrderKey(field, descending));
        }

        return keys;
    }

    private static int ParseInteger(string key, string value) =>
        value.Length <= 6 && int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new OnionooQueryException(key, $"Parameter '{key}' must be an integer of at most 6 characters, not '{value}'.");

    private static HashSet<string> ParseFields(string value) =>
        FieldsText().IsMatch(value)
            ? value.ToLowerInvariant().Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
            : throw new OnionooQueryException("fields", "Parameter 'fields' may contain letters, digits, '_' and ',' only.");

    [GeneratedRegex(@"^(?<key>[a-zA-Z_]+):(?<value>[\x20-\x7E]*)$")]
    private static partial Regex QualifiedTerm();

    [GeneratedRegex(@"^\$?[0-9a-fA-F]{1,40}$")]
    private static partial Regex HexTerm();

    [GeneratedRegex(@"^[0-9a-zA-Z+/]{1,27}$")]
    private static partial Regex Base64Term();

    [GeneratedRegex(@"^[0-9a-zA-Z.]{1,19}$")]
    private static partial Regex NicknameOrIpv4Term();

    [GeneratedRegex(@"^\[?[0-9a-fA-F:.]{1,39}\]?$")]
    private static partial Regex Ipv6Term();

    [GeneratedRegex("^[0-9a-zA-Z]{40}$")]
    private static partial Regex Fingerprint();

    [GeneratedRegex("^[0-9a-zA-Z]{2}$")]
    private static partial Regex CountryCode();

    [GeneratedRegex("^(?:[aA][sS])?0*(?<n>[0-9]{1,10})$")]
    private static partial Regex AutonomousSystem();

    [GeneratedRegex("^[0-9a-zA-Z]{1,20}$")]
    private static partial Regex FlagName();

    [GeneratedRegex("^[0-9-]{1,10}$")]
    private static partial Regex DayRangeText();

    [GeneratedRegex("^[0-9a-zA-Z,.-]+$")]
    private static partial Regex VersionText();

    [GeneratedRegex(@"^[0-9A-Za-z_.\-]+$")]
    private static partial Regex HostNameText();

    [GeneratedRegex("^[0-9a-zA-Z_,-]*$")]
    private static partial Regex OrderText();

    [GeneratedRegex("^[0-9a-zA-Z_,]*$")]
    private static partial Regex FieldsText();
}
