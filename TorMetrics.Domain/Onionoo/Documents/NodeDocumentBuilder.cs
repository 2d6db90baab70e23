using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using TorMetrics.Domain.Onionoo.Enrichment;
using TorMetrics.Domain.Onionoo.Updating;

namespace TorMetrics.Domain.Onionoo.Documents;

/// <summary>
/// Turns one node's facts into its summary, details, bandwidth, weights, clients and uptime documents (protocol §7),
/// plus the attributes the query engine filters on. Members are written in upstream's order; null, empty strings
/// and empty lists are left out.
/// </summary>
public static class NodeDocumentBuilder
{
    public static OnionooNode Build(NodeFacts facts, DocumentContext context) =>
        facts.IsBridge ? BuildBridge(facts, context) : BuildRelay(facts, context);

    private static OnionooNode BuildRelay(NodeFacts f, DocumentContext context)
    {
        var fingerprint = f.FingerprintHex;
        var key = new NodeKey(false, fingerprint);
        bool running = f.Flags.Contains("Running") && f.LastSeen == context.Times.RelaysPublished;
        var orAddresses = OrAddresses(f);
        var summaryAddresses = new List<string> { f.Address.ToLowerInvariant() };
        summaryAddresses.AddRange(orAddresses.Skip(1).Select(StripPort));
        summaryAddresses.AddRange(f.ExitAddresses.Select(a => a.ToLowerInvariant()));
        var addresses = summaryAddresses.Distinct(StringComparer.Ordinal).ToList();

        var location = Locate(context, f.Address);
        var hostNames = HostNamesOf(context, f.Address);
        var version = VersionOf(f.VersionLine);
        var torVersion = TorVersion.TryParse(version);
        var versionStatus = VersionStatus.Of(torVersion, context.RecommendedVersions);
        var recommended = VersionStatus.IsRecommended(torVersion, context.RecommendedVersions);
        var family = context.Families.GetValueOrDefault(fingerprint);
        var contact = f.Contact?.Replace("%", "", StringComparison.Ordinal);

        var details = new List<DetailsMember>();
        void Member(string name, Action<Utf8JsonWriter> value) => details.Add(JsonFragments.Member(name, value));
        void Text(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                Member(name, w => w.WriteStringValue(value));
            }
        }

        void Texts(string name, IReadOnlyList<string>? values)
        {
            if (values is { Count: > 0 })
            {
                Member(name, w => WriteStrings(w, values));
            }
        }

        void Number(string name, double? value)
        {
            if (value is { } v && !double.IsNaN(v) && v >= 0)
            {
                Member(name, w => w.WriteNumberValue((float)v));
            }
        }

        Text("nickname", f.Nickname);
        Text("fingerprint", fingerprint);
        Texts("or_addresses", orAddresses);
        Texts("exit_addresses", f.ExitAddresses);
        if (f.DirPort != 0)
        {
            Text("dir_address", f.Address + ":" + f.DirPort.ToString(CultureInfo.InvariantCulture));
        }

        Text("last_seen", Time(f.LastSeen));
        Text("last_changed_address_or_port", Time(f.LastChangedAddressOrPort ?? f.FirstSeen));
        Text("first_seen", Time(f.FirstSeen));
        Member("running", w => w.WriteBooleanValue(running));
        Texts("flags", [.. f.Flags.Order(StringComparer.Ordinal)]);
        Text("country", location?.CountryCode);
        Text("country_name", location?.CountryName);
        Text("as", location?.AutonomousSystem);
        Text("as_name", location?.AutonomousSystemName);
        if (f.ConsensusWeight is { } weight)
        {
            Member("consensus_weight", w => w.WriteNumberValue(weight));
        }

        Texts("verified_host_names", hostNames?.Verified);
        Texts("unverified_host_names", hostNames?.Unverified);
        WriteDescriptorMembers(f, Member, Text);
        if (f.ExitPolicy is { Count: > 0 } policy)
        {
            Texts("exit_policy", policy);
        }

        ExitPolicySummary.TryWrite(f.ExitPolicySummary, Member, "exit_policy_summary");
        ExitPolicySummary.TryWrite(f.Ipv6Policy, Member, "exit_policy_v6_summary");
        Text("contact", contact);
        Text("platform", f.Platform);
        Text("version", version);
        Text("version_status", versionStatus);
        Texts("alleged_family", family?.Alleged);
        Texts("effective_family", family?.Effective);
        Texts("indirect_family", family?.Indirect);
        if (running)
        {
            Number("consensus_weight_fraction", f.ConsensusWeightFraction);
            Number("guard_probability", f.GuardProbability);
            Number("middle_probability", f.MiddleProbability);
            Number("exit_probability", f.ExitProbability);
        }

        if (recommended is { } isRecommended)
        {
            Member("recommended_version", w => w.WriteBooleanValue(isRecommended));
        }

        if (f.Hibernating)
        {
            Member("hibernating", w => w.WriteBooleanValue(true));
        }

        if (f.ConsensusMethod >= 17)
        {
            Member("measured", w => w.WriteBooleanValue(!f.Unmeasured));
        }

        Texts("unreachable_or_addresses", UnreachableOrAddresses(f, orAddresses));

        var weights = context.Weights.GetValueOrDefault(key);
        return new OnionooNode
        {
            IsBridge = false,
            Nickname = f.Nickname,
            Fingerprint = fingerprint,
            HashedFingerprint = Sha1Hex(f.Fingerprint),
            Base64Fingerprint = Convert.ToBase64String(f.Fingerprint).TrimEnd('='),
            Addresses = addresses,
            Running = running,
            Flags = f.Flags,
            Country = location?.CountryCode,
            AutonomousSystem = location?.AutonomousSystem,
            AutonomousSystemName = location?.AutonomousSystemName?.ToLowerInvariant(),
            FirstSeen = f.FirstSeen,
            LastSeen = f.LastSeen,
            Contact = ContactForFiltering(f.Contact),
            EffectiveFamily = family?.Effective ?? [fingerprint],
            Version = version,
            OperatingSystem = OperatingSystemOf(f.Platform),
            HostNames = [.. (hostNames?.Verified ?? []).Concat(hostNames?.Unverified ?? []).Select(h => h.ToLowerInvariant())],
            RecommendedVersion = recommended,
            Overloaded = f.DescriptorPublished is null ? null : f.OverloadGeneralSince is not null,
            ConsensusWeight = f.ConsensusWeight ?? 0,
            Summary = JsonFragments.Object(w =>
            {
                w.WriteString("n", f.Nickname);
                w.WriteString("f", fingerprint);
                w.WritePropertyName("a");
                WriteStrings(w, addresses);
                w.WriteBoolean("r", running);
            }),
            Details = details,
            Bandwidth = BandwidthDocument("fingerprint", fingerprint, context.Bandwidth.GetValueOrDefault(key), f),
            Weights = HistoryDocument("fingerprint", fingerprint, w =>
            {
                foreach (var series in new[] { "consensus_weight_fraction", "guard_probability", "middle_probability", "exit_probability", "consensus_weight" })
                {
                    GraphHistory.WriteGraphs(w, series, weights?.Get(series) ?? []);
                }
            }),
            Clients = HistoryDocument("fingerprint", fingerprint, _ => { }),
            Uptime = UptimeDocument("fingerprint", fingerprint, context.Uptime.GetValueOrDefault(key)),
        };
    }

    private static OnionooNode BuildBridge(NodeFacts f, DocumentContext context)
    {
        var hashed = f.FingerprintHex;
        var key = new NodeKey(true, hashed);
        bool running = f.Flags.Contains("Running") && f.LastSeen == context.Times.BridgesPublished;
        var version = f.Platform is { } platform && platform.StartsWith("Tor ", StringComparison.Ordinal)
            ? platform.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1)
            : null;
        var torVersion = TorVersion.TryParse(version);
        var transports = f.Transports
            .Select(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault())
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var pool = context.BridgePool.GetValueOrDefault(hashed);
        var recommended = VersionStatus.IsRecommended(torVersion, context.RecommendedVersions);

        var details = new List<DetailsMember>();
        void Member(string name, Action<Utf8JsonWriter> value) => details.Add(JsonFragments.Member(name, value));
        void Text(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                Member(name, w => w.WriteStringValue(value));
            }
        }

        void Texts(string name, IReadOnlyList<string>? values)
        {
            if (values is { Count: > 0 })
            {
                Member(name, w => WriteStrings(w, values));
            }
        }

        Text("nickname", f.Nickname);
        Text("hashed_fingerprint", hashed);
        Texts("or_addresses", OrAddresses(f));
        Text("last_seen", Time(f.LastSeen));
        Text("first_seen", Time(f.FirstSeen));
        Member("running", w => w.WriteBooleanValue(running));
        Texts("flags", [.. f.Flags.Order(StringComparer.Ordinal)]);
        if (f.DescriptorPublished is { } published && f.Uptime is { } uptime)
        {
            Text("last_restarted", Time(published.AddSeconds(-uptime)));
        }

        if (AdvertisedBandwidth(f) is { } advertised)
        {
            Member("advertised_bandwidth", w => w.WriteNumberValue(advertised));
        }

        if (f.OverloadGeneralSince is { } overload)
        {
            Member("overload_general_timestamp", w => w.WriteNumberValue(Milliseconds(overload)));
        }

        Text("contact", f.Contact?.Replace("%", "", StringComparison.Ordinal));
        Text("platform", f.Platform);
        Text("version", version);
        Text("version_status", VersionStatus.Of(torVersion, context.RecommendedVersions));
        if (recommended is { } isRecommended)
        {
            Member("recommended_version", w => w.WriteBooleanValue(isRecommended));
        }

        Texts("transports", transports);
        Text("bridgedb_distributor", pool?.Distributor);
        if (pool?.Attributes.GetValueOrDefault("blocklist") is { Length: > 0 } blocklist)
        {
            Texts("blocklist", blocklist.Split(',', StringSplitOptions.RemoveEmptyEntries));
        }

        var clients = context.Clients.GetValueOrDefault(key);
        return new OnionooNode
        {
            IsBridge = true,
            Nickname = f.Nickname,
            Fingerprint = hashed,
            HashedFingerprint = Sha1Hex(f.Fingerprint),
            Running = running,
            Flags = f.Flags,
            FirstSeen = f.FirstSeen,
            LastSeen = f.LastSeen,
            Contact = ContactForFiltering(f.Contact),
            Version = version,
            OperatingSystem = OperatingSystemOf(f.Platform),
            RecommendedVersion = recommended,
            Overloaded = f.DescriptorPublished is null ? null : f.OverloadGeneralSince is not null,
            Transports = [.. transports.Select(t => t.ToLowerInvariant())],
            ConsensusWeight = -1,
            Summary = JsonFragments.Object(w =>
            {
                w.WriteString("n", f.Nickname);
                w.WriteString("h", hashed);
                w.WriteBoolean("r", running);
            }),
            Details = details,
            Bandwidth = BandwidthDocument("fingerprint", hashed, context.Bandwidth.GetValueOrDefault(key), f),
            Weights = HistoryDocument("fingerprint", hashed, _ => { }),
            Clients = HistoryDocument("fingerprint", hashed, w => GraphHistory.WriteGraphs(w, "average_clients", clients?.Get("average_clients") ?? [])),
            Uptime = UptimeDocument("fingerprint", hashed, context.Uptime.GetValueOrDefault(key)),
        };
    }

    private static void WriteDescriptorMembers(NodeFacts f, Action<string, Action<Utf8JsonWriter>> member, Action<string, string?> text)
    {
        if (f.DescriptorPublished is { } published && f.Uptime is { } uptime)
        {
            text("last_restarted", Time(published.AddSeconds(-uptime)));
        }

        if (f.BandwidthRate is { } rate && f.BandwidthBurst is { } burst && f.BandwidthObserved is { } observed)
        {
            member("bandwidth_rate", w => w.WriteNumberValue(rate));
            member("bandwidth_burst", w => w.WriteNumberValue(burst));
            member("observed_bandwidth", w => w.WriteNumberValue(observed));
            member("advertised_bandwidth", w => w.WriteNumberValue(Math.Min(rate, Math.Min(burst, observed))));
        }

        if (f.OverloadGeneralSince is { } overload)
        {
            member("overload_general_timestamp", w => w.WriteNumberValue(Milliseconds(overload)));
        }
    }

    private static byte[] BandwidthDocument(string keyName, string fingerprint, NodeGraphs? graphs, NodeFacts f) =>
        HistoryDocument(keyName, fingerprint, w =>
        {
            GraphHistory.WriteGraphs(w, "write_history", graphs?.Get("write_history") ?? []);
            GraphHistory.WriteGraphs(w, "read_history", graphs?.Get("read_history") ?? []);
            if (Overload(f.OverloadRatelimits) is { } limits)
            {
                w.WriteStartObject("overload_ratelimits");
                w.WriteNumber("timestamp", Milliseconds(limits.GetProperty("since").GetDateTime()));
                w.WriteNumber("rate-limit", limits.GetProperty("rateLimit").GetInt64());
                w.WriteNumber("burst-limit", limits.GetProperty("burstLimit").GetInt64());
                w.WriteNumber("read-count", limits.GetProperty("readCount").GetInt64());
                w.WriteNumber("write-count", limits.GetProperty("writeCount").GetInt64());
                w.WriteEndObject();
            }

            if (Overload(f.OverloadFdExhausted) is { } exhausted)
            {
                w.WriteStartObject("overload_fd_exhausted");
                w.WriteNumber("timestamp", Milliseconds(exhausted.GetProperty("since").GetDateTime()));
                w.WriteEndObject();
            }
        });

    private static JsonElement? Overload(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonDocument.Parse(json).RootElement.Clone();

    private static byte[] UptimeDocument(string keyName, string fingerprint, NodeGraphs? graphs) =>
        HistoryDocument(keyName, fingerprint, w =>
        {
            GraphHistory.WriteGraphs(w, "uptime", graphs?.Get(HistoryGraphsReader.UptimeSeries) ?? []);
            var flags = (graphs?.Series ?? [])
                .Where(s => s.StartsWith(HistoryGraphsReader.FlagSeriesPrefix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).ToList();
            if (flags.Count > 0)
            {
                w.WriteStartObject("flags");
                foreach (var series in flags)
                {
                    GraphHistory.WriteGraphs(w, series[HistoryGraphsReader.FlagSeriesPrefix.Length..], graphs!.Get(series));
                }

                w.WriteEndObject();
            }
        });

    private static byte[] HistoryDocument(string keyName, string fingerprint, Action<Utf8JsonWriter> writeGraphs) =>
        JsonFragments.Object(w =>
        {
            w.WriteString(keyName, fingerprint);
            writeGraphs(w);
        });

    // Primary address and port first, then the additional ones in order, lower-case.
    private static List<string> OrAddresses(NodeFacts f)
    {
        var addresses = new List<string> { (f.Address + ":" + f.OrPort.ToString(CultureInfo.InvariantCulture)).ToLowerInvariant() };
        addresses.AddRange(f.OrAddresses.Select(a => a.ToLowerInvariant()).Order(StringComparer.Ordinal));
        return addresses;
    }

    private static List<string>? UnreachableOrAddresses(NodeFacts f, List<string> orAddresses)
    {
        if (f.DescriptorOrAddresses is not { Count: > 0 } announced)
        {
            return null;
        }

        var listed = orAddresses.ToHashSet(StringComparer.Ordinal);
        return [.. announced.Select(a => a.ToLowerInvariant()).Where(a => !listed.Contains(a))];
    }

    private static long? AdvertisedBandwidth(NodeFacts f) =>
        f.BandwidthRate is { } rate && f.BandwidthBurst is { } burst && f.BandwidthObserved is { } observed
            ? Math.Min(rate, Math.Min(burst, observed))
            : null;

    private static string StripPort(string address)
    {
        int colon = address.LastIndexOf(':');
        return colon > 0 && address[..colon] is var host && (!host.Contains(':', StringComparison.Ordinal) || host.EndsWith(']'))
            ? host
            : address;
    }

    private static string? VersionOf(string? versionLine) =>
        versionLine is { } line && line.StartsWith("Tor ", StringComparison.Ordinal) ? line[4..].Trim() : null;

    private static string? OperatingSystemOf(string? platform)
    {
        int on = platform?.IndexOf(" on ", StringComparison.Ordinal) ?? -1;
        return on < 0 ? null : platform![(on + 4)..].ToLowerInvariant();
    }

    private static string? ContactForFiltering(string? contact) =>
        contact is null ? null : new string([.. contact.Select(c => c is >= ' ' and <= '~' ? c : ' ')]).ToLowerInvariant();

    private static AddressLocation? Locate(DocumentContext context, string address) =>
        context.Locator is { } locator && IPAddress.TryParse(address, out var ip) ? locator.Locate(ip) : null;

    private static HostNames? HostNamesOf(DocumentContext context, string address) =>
        IPAddress.TryParse(address, out var ip) ? context.HostNames.GetValueOrDefault(ip) : null;

    private static void WriteStrings(Utf8JsonWriter writer, IEnumerable<string> values)
    {
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static string Time(DateTime time) => OnionooResponseWriter.FormatTime(time);

    private static long Milliseconds(DateTime time) => (long)(DateTime.SpecifyKind(time, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalMilliseconds;

    private static string Sha1Hex(byte[] bytes) => Convert.ToHexString(SHA1.HashData(bytes));
}
