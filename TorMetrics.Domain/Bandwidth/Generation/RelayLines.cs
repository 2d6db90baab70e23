namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>The relay lines: keys sorted as sbws sorts them, values formatted as sbws writes them.</summary>
internal static class RelayLines
{
    public static BandwidthFileLine Eligible(BandwidthGeneratorOptions options, RelayAggregate relay, long bw, bool underMinReport)
    {
        var keys = Common(options, relay);
        keys["bw"] = BandwidthFileBuilder.Int(bw);
        keys["bw_mean"] = Optional(relay.BwMean);
        keys["bw_median"] = Optional(relay.BwMedian);
        keys["consensus_bandwidth"] = Optional(relay.ConsensusBandwidth);
        keys["consensus_bandwidth_is_unmeasured"] = relay.ConsensusBandwidthIsUnmeasured switch
        {
            true => "True",
            false => "False",
            null => "None",
        };
        keys["desc_bw_avg"] = Optional(relay.DescBwAvg);
        keys["desc_bw_bur"] = Optional(relay.DescBwBur);
        keys["desc_bw_obs_last"] = Optional(relay.DescBwObsLast);
        keys["desc_bw_obs_mean"] = Optional(relay.DescBwObsMean);
        if (options.Scaling == BandwidthScaling.Torflow)
        {
            keys["r_strm"] = ExactRounding.Format(relay.RStrm ?? 0, 2);
            keys["r_strm_filt"] = ExactRounding.Format(relay.RStrmFilt ?? 0, 2);
        }

        if (relay.RttMilliseconds is { } rtt)
        {
            keys["rtt"] = BandwidthFileBuilder.Int(rtt);
        }

        if (underMinReport)
        {
            // The real bw stays: tors that predate vote=0 would otherwise vote 1 for every relay.
            keys["under_min_report"] = "1";
            keys["vote"] = "0";
        }

        return Line(relay, bw, keys);
    }

    public static BandwidthFileLine Excluded(BandwidthGeneratorOptions options, RelayAggregate relay, bool underMinReport)
    {
        // sbws writes a relay without any observed bandwidth as a bare line, and it is the one excluded line
        // without vote=0 (unless the whole file is under the 60 % rule).
        var keys = relay.Status == "no_observed_bw"
            ? new SortedDictionary<string, string>(StringComparer.Ordinal) { ["node_id"] = NodeId(options, relay) }
            : Common(options, relay);
        keys["bw"] = "1";
        if (relay.Status != "no_observed_bw")
        {
            keys["unmeasured"] = "1";
            keys["vote"] = "0";
        }

        if (underMinReport)
        {
            keys["under_min_report"] = "1";
            keys["vote"] = "0";
        }

        return Line(relay, 1, keys);
    }

    private static SortedDictionary<string, string> Common(BandwidthGeneratorOptions options, RelayAggregate relay)
    {
        var keys = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["node_id"] = NodeId(options, relay),
            ["time"] = BandwidthFileBuilder.Iso(BandwidthFileBuilder.RoundedSeconds(relay.LastSeen)),
            ["success"] = BandwidthFileBuilder.Int(relay.Success),
            ["error_circ"] = BandwidthFileBuilder.Int(relay.ErrorCirc),
            ["error_stream"] = BandwidthFileBuilder.Int(relay.ErrorStream),
            ["error_misc"] = BandwidthFileBuilder.Int(relay.ErrorMisc),
            ["error_second_relay"] = BandwidthFileBuilder.Int(relay.ErrorSecondRelay),
            ["error_destination"] = BandwidthFileBuilder.Int(relay.ErrorDestination),
            ["relay_in_recent_consensus_count"] = BandwidthFileBuilder.Int(relay.InRecentConsensus),
            ["relay_recent_priority_list_count"] = BandwidthFileBuilder.Int(relay.PriorityListCount),
            ["relay_recent_measurement_attempt_count"] = BandwidthFileBuilder.Int(relay.MeasurementAttemptCount),
            ["xoff_recv"] = BandwidthFileBuilder.Int(relay.XoffRecv),
            ["xoff_sent"] = BandwidthFileBuilder.Int(relay.XoffSent),
        };
        if (relay.Nickname is { } nick)
        {
            keys["nick"] = nick;
        }

        if (relay.MasterKeyEd25519 is { } key)
        {
            keys["master_key_ed25519"] = key;
        }

        // The exclusion counters appear only when something was excluded for that reason.
        AddPositive(keys, "relay_recent_measurements_excluded_error_count", relay.ExcludedError);
        AddPositive(keys, "relay_recent_measurements_excluded_near_count", relay.ExcludedNear);
        AddPositive(keys, "relay_recent_measurements_excluded_old_count", relay.ExcludedOld);
        AddPositive(keys, "relay_recent_measurements_excluded_few_count", relay.ExcludedFew);
        return keys;
    }

    private static void AddPositive(SortedDictionary<string, string> keys, string key, long value)
    {
        if (value > 0)
        {
            keys[key] = BandwidthFileBuilder.Int(value);
        }
    }

    private static string NodeId(BandwidthGeneratorOptions options, RelayAggregate relay) =>
        (options.NodeIdDollar ? "$" : "") + Convert.ToHexString(relay.Fingerprint);

    private static string Optional(long? value) => value is { } v ? BandwidthFileBuilder.Int(v) : "None";

    private static BandwidthFileLine Line(RelayAggregate relay, long bw, SortedDictionary<string, string> keys) =>
        new(relay.Fingerprint, bw,
            Vote: !keys.TryGetValue("vote", out var vote) || vote != "0",
            UnderMinReport: keys.ContainsKey("under_min_report"),
            Unmeasured: keys.ContainsKey("unmeasured"),
            Text: string.Join(' ', keys.Select(k => k.Key + "=" + k.Value)));
}
