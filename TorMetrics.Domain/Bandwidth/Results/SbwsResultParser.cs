using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TorMetrics.Domain.Bandwidth.Results;

/// <summary>
/// Reads one sbws result line (a JSON object). Accepts every result version seen in deployments: fields that later
/// versions renamed or dropped (the 1.0-era <c>relay_*_count</c> integers) are kept in <see cref="SbwsResult.Extra"/>.
/// </summary>
public static class SbwsResultParser
{
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal)
    {
        "success", "error-circ", "error-stream", "error-misc", "error-destination", "error-second-relay", "error-auth",
    };

    private static readonly HashSet<string> Mapped = new(StringComparer.Ordinal)
    {
        "version", "type", "time", "fingerprint", "nickname", "address", "master_key_ed25519", "circ", "dest_url",
        "scanner", "msg", "downloads", "rtts", "relay_average_bandwidth", "relay_burst_bandwidth",
        "relay_observed_bandwidth", "consensus_bandwidth", "consensus_bandwidth_is_unmeasured",
        "relay_in_recent_consensus", "relay_recent_priority_list", "relay_recent_measurement_attempt", "xoff_recv",
        "xoff_sent",
    };

    /// <exception cref="FormatException">The line is not a result this parser understands.</exception>
    public static SbwsResult Parse(ReadOnlySpan<byte> line)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(line) as JsonObject ?? throw new FormatException("not a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException("invalid JSON: " + e.Message, e);
        }

        string type = String(json, "type") ?? throw new FormatException("no type");
        if (!Types.Contains(type))
        {
            throw new FormatException($"unknown result type '{type}'");
        }

        List<long>? amounts = null;
        List<double>? durations = null;
        if (json["downloads"] is JsonArray downloads)
        {
            amounts = [];
            durations = [];
            foreach (var d in downloads)
            {
                amounts.Add(Long(d?["amount"]) ?? throw new FormatException("download without amount"));
                durations.Add(Double(d?["duration"]) ?? throw new FormatException("download without duration"));
            }
        }

        var extra = new JsonObject();
        foreach (var (key, value) in json)
        {
            if (!Mapped.Contains(key))
            {
                extra[key] = value?.DeepClone();
            }
        }

        return new SbwsResult
        {
            Version = (int)(Long(json["version"]) ?? throw new FormatException("no version")),
            Type = type,
            Time = UnixToUtc(Double(json["time"]) ?? throw new FormatException("no time")),
            Fingerprint = Fingerprint(String(json, "fingerprint") ?? throw new FormatException("no fingerprint")),
            Nickname = String(json, "nickname"),
            Address = String(json, "address"),
            MasterKeyEd25519 = String(json, "master_key_ed25519"),
            Circuit = json["circ"] is JsonArray circ ? circ.Select(c => Fingerprint(c?.GetValue<string>() ?? "")).ToList() : [],
            DestinationUrl = String(json, "dest_url"),
            Scanner = String(json, "scanner"),
            Message = String(json, "msg"),
            DownloadAmounts = amounts,
            DownloadDurations = durations,
            Rtts = json["rtts"] is JsonArray rtts ? rtts.Select(r => Double(r) ?? throw new FormatException("bad rtt")).ToList() : null,
            RelayAverageBandwidth = Long(json["relay_average_bandwidth"]),
            RelayBurstBandwidth = Long(json["relay_burst_bandwidth"]),
            RelayObservedBandwidth = Long(json["relay_observed_bandwidth"]),
            ConsensusBandwidth = Long(json["consensus_bandwidth"]),
            ConsensusBandwidthIsUnmeasured = json["consensus_bandwidth_is_unmeasured"] is JsonValue u && u.TryGetValue(out bool b) ? b : null,
            RelayInRecentConsensus = Times(json["relay_in_recent_consensus"]),
            RelayRecentPriorityList = Times(json["relay_recent_priority_list"]),
            RelayRecentMeasurementAttempt = Times(json["relay_recent_measurement_attempt"]),
            XoffRecv = Times(json["xoff_recv"]),
            XoffSent = Times(json["xoff_sent"]),
            Extra = extra.Count > 0 ? extra.ToJsonString() : null,
        };
    }

    /// <summary>The scanner writes ISO times without a zone (UTC); a number is taken as Unix seconds.</summary>
    internal static IReadOnlyList<DateTime>? Times(JsonNode? node) =>
        node is JsonArray array ? array.Select(Time).ToList() : null;

    internal static DateTime Time(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out string? s) => DateTime.Parse(s, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        JsonValue v when v.TryGetValue(out double d) => UnixToUtc(d),
        _ => throw new FormatException("not a time: " + node?.ToJsonString()),
    };

    private static DateTime UnixToUtc(double seconds) =>
        DateTime.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    private static string Fingerprint(string value)
    {
        var hex = value.StartsWith('$') ? value[1..] : value;
        if (hex.Length != 40 || !hex.All(char.IsAsciiHexDigit))
        {
            throw new FormatException($"not a fingerprint: '{value}'");
        }

        return hex.ToUpperInvariant();
    }

    private static string? String(JsonObject json, string key) =>
        json[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static long? Long(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out long l) => l,
        // Some writers emit whole numbers as floats (1e9 as 1000000000.0).
        JsonValue v when v.TryGetValue(out double d) && d == Math.Floor(d) => (long)d,
        _ => null,
    };

    private static double? Double(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out double d) ? d : null;
}
