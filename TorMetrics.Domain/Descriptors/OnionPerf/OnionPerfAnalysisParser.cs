using System.Globalization;
using System.Text.Json;

namespace TorMetrics.Domain.Descriptors.OnionPerf;

/// <summary>
/// Parses OnionPerf analysis JSON (onionperf <c>schema/onionperf-*.json</c>). The caller decompresses the
/// <c>.xz</c>; the document is the whole file. Unknown members are ignored here and stay in the raw bytes.
/// </summary>
public static class OnionPerfAnalysisParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static OnionPerfAnalysis Parse(RawDocument raw, DescriptorKind kind)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(raw.Bytes, Options);
        }
        catch (JsonException ex)
        {
            throw new DescriptorParseException($"not valid JSON: {ex.Message}", raw.LineNumber + (int)(ex.LineNumber ?? 0));
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new DescriptorParseException("OnionPerf analysis must be a JSON object", raw.LineNumber);
            }

            string type = Str(root, "type") ?? throw new DescriptorParseException("missing 'type'", raw.LineNumber, "type");
            if (!string.Equals(type, "onionperf", StringComparison.Ordinal))
            {
                throw new DescriptorParseException($"'type' is '{type}', expected 'onionperf'", raw.LineNumber, "type");
            }

            string version = Str(root, "version") ?? throw new DescriptorParseException("missing 'version'", raw.LineNumber, "version");
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                throw new DescriptorParseException("missing 'data' object", raw.LineNumber, "data");
            }

            var sources = new List<OnionPerfSource>();
            foreach (var source in data.EnumerateObject())
            {
                sources.Add(ParseSource(source.Name, source.Value));
            }

            return new OnionPerfAnalysis
            {
                Kind = kind,
                Raw = raw,
                Type = type,
                Version = version,
                Sources = sources,
            };
        }
    }

    private static OnionPerfSource ParseSource(string name, JsonElement source)
    {
        var transfers = new List<OnionPerfTransfer>();
        var circuits = new List<OnionPerfCircuit>();
        var streams = new List<OnionPerfStream>();
        if (Obj(source, "tgen") is { } tgen)
        {
            // 2.0 wrote "transfers" with readable milestones; 3.x writes TGen's own "streams" records.
            if (Obj(tgen, "transfers") is { } v2)
            {
                transfers.AddRange(v2.EnumerateObject().Select(t => Transfer2(t.Name, t.Value)));
            }

            if (Obj(tgen, "streams") is { } v3)
            {
                transfers.AddRange(v3.EnumerateObject().Select(t => Transfer3(t.Name, t.Value)));
            }
        }

        if (Obj(source, "tor") is { } tor)
        {
            if (Obj(tor, "circuits") is { } c)
            {
                circuits.AddRange(c.EnumerateObject().Select(p => Circuit(p.Name, p.Value)));
            }

            if (Obj(tor, "streams") is { } s)
            {
                streams.AddRange(s.EnumerateObject().Select(p => Stream(p.Name, p.Value)));
            }
        }

        return new OnionPerfSource
        {
            Name = name,
            MeasurementIp = Str(source, "measurement_ip"),
            Transfers = transfers,
            Circuits = circuits,
            Streams = streams,
        };
    }

    private static OnionPerfTransfer Transfer2(string id, JsonElement t)
    {
        var milestones = new Dictionary<string, double>(StringComparer.Ordinal);
        var elapsed = Obj(t, "elapsed_seconds");
        if (elapsed is { } e)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Number)
                {
                    milestones[p.Name] = p.Value.GetDouble();
                }
            }
        }

        return new OnionPerfTransfer
        {
            Id = id,
            Start = Time(t, "unix_ts_start") ?? throw Missing(id, "unix_ts_start"),
            End = Time(t, "unix_ts_end"),
            IsSuccess = Bool(t, "is_success"),
            IsError = Bool(t, "is_error"),
            IsComplete = Bool(t, "is_complete"),
            ErrorCode = Str(t, "error_code"),
            FileSize = Long(t, "filesize_bytes"),
            TotalBytesRead = Long(t, "total_bytes_read"),
            TotalBytesWritten = Long(t, "total_bytes_write"),
            EndpointLocal = Str(t, "endpoint_local"),
            EndpointProxy = Str(t, "endpoint_proxy"),
            EndpointRemote = Str(t, "endpoint_remote"),
            HostnameLocal = Str(t, "hostname_local"),
            HostnameRemote = Str(t, "hostname_remote"),
            Milestones = milestones,
            PayloadProgress = Progress(elapsed, "payload_progress"),
            PayloadBytes = Bytes(elapsed, "payload_bytes"),
        };
    }

    private static OnionPerfTransfer Transfer3(string id, JsonElement t)
    {
        // time_info holds "usecs-to-<milestone>[-recv|-send]" strings, -1 for milestones never reached.
        var milestones = new Dictionary<string, double>(StringComparer.Ordinal);
        if (Obj(t, "time_info") is { } timeInfo)
        {
            foreach (var p in timeInfo.EnumerateObject())
            {
                if (!p.Name.StartsWith("usecs-to-", StringComparison.Ordinal) || NumberOf(p.Value) is not { } usecs || usecs < 0)
                {
                    continue;
                }

                string key = p.Name["usecs-to-".Length..].Replace('-', '_');
                key = key.EndsWith("_recv", StringComparison.Ordinal) ? key[..^"_recv".Length] : key;
                milestones[key] = (double)(usecs / 1_000_000m);
            }
        }

        var info = Obj(t, "stream_info");
        var transport = Obj(t, "transport_info");
        var bytes = Obj(t, "byte_info");
        var elapsed = Obj(t, "elapsed_seconds");
        return new OnionPerfTransfer
        {
            Id = id,
            Start = Time(t, "unix_ts_start") ?? throw Missing(id, "unix_ts_start"),
            End = Time(t, "unix_ts_end"),
            IsSuccess = Bool(t, "is_success"),
            IsError = Bool(t, "is_error"),
            IsComplete = Bool(t, "is_complete"),
            ErrorCode = info is { } i1 ? Str(i1, "error") : null,
            FileSize = info is { } i2 ? Long(i2, "recvsize") : null,
            TotalBytesRead = bytes is { } b1 ? Long(b1, "total-bytes-recv") : null,
            TotalBytesWritten = bytes is { } b2 ? Long(b2, "total-bytes-send") : null,
            EndpointLocal = transport is { } t1 ? Str(t1, "local") : null,
            EndpointProxy = transport is { } t2 ? Str(t2, "proxy") : null,
            EndpointRemote = transport is { } t3 ? Str(t3, "remote") : null,
            HostnameLocal = info is { } i3 ? Str(i3, "name") : null,
            HostnameRemote = info is { } i4 ? Str(i4, "peername") : null,
            Milestones = milestones,
            PayloadProgress = Progress(elapsed, "payload_progress_recv"),
            PayloadBytes = Bytes(elapsed, "payload_bytes_recv"),
        };
    }

    private static OnionPerfCircuit Circuit(string key, JsonElement c)
    {
        long id = Long(c, "circuit_id") ?? ParseId(key, "circuit");
        var path = new List<OnionPerfHop>();
        if (c.TryGetProperty("path", out var hops) && hops.ValueKind == JsonValueKind.Array)
        {
            foreach (var hop in hops.EnumerateArray())
            {
                if (hop.ValueKind != JsonValueKind.Array || hop.GetArrayLength() < 2 || hop[0].ValueKind != JsonValueKind.String)
                {
                    throw new DescriptorParseException($"circuit {id}: path hop is not [\"$FP~nick\", seconds]");
                }

                // "$FINGERPRINT~nickname" (tor's long name); older tors wrote "=" for named relays.
                string name = hop[0].GetString()!.TrimStart('$');
                int cut = name.IndexOfAny(['~', '=']);
                string fingerprint = (cut < 0 ? name : name[..cut]).ToUpperInvariant();
                if (fingerprint.Length != 40 || !fingerprint.All(char.IsAsciiHexDigit))
                {
                    throw new DescriptorParseException($"circuit {id}: hop '{hop[0].GetString()}' has no fingerprint");
                }

                path.Add(new OnionPerfHop(fingerprint, cut < 0 ? null : name[(cut + 1)..], NumberOf(hop[1]) is { } s ? (double)s : 0));
            }
        }

        return new OnionPerfCircuit
        {
            Id = id,
            Start = Time(c, "unix_ts_start") ?? throw Missing("circuit " + key, "unix_ts_start"),
            End = Time(c, "unix_ts_end"),
            Path = path,
            BuildTimeSeconds = Double(c, "buildtime_seconds"),
            BuildTimeout = Long(c, "build_timeout"),
            BuildQuantile = Double(c, "build_quantile"),
            FailureReasonLocal = Str(c, "failure_reason_local"),
            FailureReasonRemote = Str(c, "failure_reason_remote"),
        };
    }

    private static OnionPerfStream Stream(string key, JsonElement s) => new()
    {
        Id = Long(s, "stream_id") ?? ParseId(key, "stream"),
        CircuitId = Long(s, "circuit_id"),
        Source = Str(s, "source"),
        Target = Str(s, "target"),
        Start = Time(s, "unix_ts_start") ?? throw Missing("stream " + key, "unix_ts_start"),
        End = Time(s, "unix_ts_end"),
        FailureReasonLocal = Str(s, "failure_reason_local"),
        FailureReasonRemote = Str(s, "failure_reason_remote"),
    };

    private static Dictionary<decimal, double> Progress(JsonElement? elapsed, string name)
    {
        var result = new Dictionary<decimal, double>();
        if (elapsed is { } e && Obj(e, name) is { } p)
        {
            foreach (var item in p.EnumerateObject())
            {
                if (decimal.TryParse(item.Name, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal fraction) && NumberOf(item.Value) is { } s)
                {
                    result[fraction] = (double)s;
                }
            }
        }

        return result;
    }

    private static Dictionary<long, double> Bytes(JsonElement? elapsed, string name)
    {
        var result = new Dictionary<long, double>();
        if (elapsed is { } e && Obj(e, name) is { } p)
        {
            foreach (var item in p.EnumerateObject())
            {
                if (long.TryParse(item.Name, NumberStyles.None, CultureInfo.InvariantCulture, out long count) && NumberOf(item.Value) is { } s)
                {
                    result[count] = (double)s;
                }
            }
        }

        return result;
    }

    private static long ParseId(string key, string what) =>
        long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out long id)
            ? id
            : throw new DescriptorParseException($"{what} id '{key}' is not a number");

    private static DescriptorParseException Missing(string what, string member) => new($"{what}: missing '{member}'", 0, member);

    private static JsonElement? Obj(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    // OnionPerf writes many numbers as JSON strings ("5242880"); both forms are accepted.
    private static decimal? NumberOf(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetDecimal(out decimal d) => d,
        JsonValueKind.String when decimal.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d) => d,
        _ => null,
    };

    private static long? Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && NumberOf(v) is { } d && d == decimal.Truncate(d) && d >= long.MinValue && d <= long.MaxValue ? (long)d : null;

    private static double? Double(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && NumberOf(v) is { } d ? (double)d : null;

    private static DateTime? Time(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || NumberOf(v) is not { } seconds)
        {
            return null;
        }

        if (seconds is < 0 or > 253402300799m)
        {
            throw new DescriptorParseException($"'{name}' is not a Unix time: {seconds}", 0, name);
        }

        return DateTime.UnixEpoch.AddTicks((long)decimal.Round(seconds * TimeSpan.TicksPerSecond));
    }
}
