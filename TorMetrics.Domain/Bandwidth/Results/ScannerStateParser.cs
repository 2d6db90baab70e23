using System.Text.Json;
using System.Text.Json.Nodes;

namespace TorMetrics.Domain.Bandwidth.Results;

/// <summary>Reads an sbws <c>state.dat</c> (one JSON object).</summary>
public static class ScannerStateParser
{
    /// <exception cref="FormatException">The file is not a JSON object.</exception>
    public static ScannerState Parse(ReadOnlySpan<byte> content)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(content) as JsonObject ?? throw new FormatException("not a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException("invalid JSON: " + e.Message, e);
        }

        return new ScannerState
        {
            ScannerStarted = OptionalTime(json["scanner_started"]),
            Uuid = json["uuid"]?.GetValue<string>(),
            TorVersion = json["tor_version"]?.GetValue<string>(),
            RecentConsensus = SbwsResultParser.Times(json["recent_consensus"]) ?? [],
            RecentPriorityList = SbwsResultParser.Times(json["recent_priority_list"]) ?? [],
            // Each item is [time, number of relays in that list].
            RecentPriorityRelay = json["recent_priority_relay"] is JsonArray pairs
                ? pairs.Select(p => p is JsonArray { Count: 2 } pair ? pair[1]!.GetValue<int>() : throw new FormatException("bad recent_priority_relay")).ToList()
                : [],
            RecentMeasurementAttempt = SbwsResultParser.Times(json["recent_measurement_attempt"]),
            MinPercReached = OptionalTime(json["min_perc_reached"]),
        };
    }

    private static DateTime? OptionalTime(JsonNode? node) => node is null ? null : SbwsResultParser.Time(node);
}
