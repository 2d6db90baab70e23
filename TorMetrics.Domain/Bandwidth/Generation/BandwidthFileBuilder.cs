using System.Globalization;
using System.Text;
using TorMetrics.Domain.Bandwidth.Results;

namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>
/// Turns the aggregated relays into a bandwidth file of format 1.9.0 (bandwidth-scanner.md §4) with sbws 1.9's
/// choices: header keys and relay-line keys sorted, eligible relays by <c>bw</c> (ties keep first-measured order),
/// excluded relays after them, and the 60 % rule applied to Torflow-scaled files.
/// </summary>
public static class BandwidthFileBuilder
{
    public const string SpecVersion = "1.9.0";

    /// <summary>sbws MIN_REPORT: below this share of the consensus, no line may be used in a vote.</summary>
    public const int MinimumPercentEligibleRelays = 60;

    public static BandwidthFileDocument Build(
        BandwidthGeneratorOptions options,
        DateTime now,
        WindowSummary window,
        IReadOnlyList<RelayAggregate> relays,
        ConsensusWeights? consensus,
        ScannerState? state)
    {
        bool torflow = options.Scaling == BandwidthScaling.Torflow;
        var eligible = relays.Where(r => r.Eligible)
            .Select(r => (Relay: r, Bw: torflow
                ? ExactRounding.KilobytesToSignificantDigits(r.ScaledBytes ?? 0, options.RoundDigits)
                : r.BwKilobytes ?? 1))
            .OrderBy(x => x.Bw)
            .ToList();
        var excluded = relays.Where(r => !r.Eligible).ToList();

        int? consensusRelays = torflow ? consensus?.Count : null;
        int? minimumNumber = consensusRelays is { } c ? (int)Math.Round(c * (double)MinimumPercentEligibleRelays / 100) : null;
        int? percent = consensusRelays is > 0 ? (int)Math.Round(eligible.Count * 100.0 / consensusRelays.Value) : null;
        // Without a consensus sbws cannot tell, and treats that as not reached.
        bool reached = minimumNumber is { } minimum && eligible.Count >= minimum;
        bool underMinReport = torflow && !reached;

        var latest = RoundedSeconds(window.Latest);
        var earliest = RoundedSeconds(window.Earliest);
        var header = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["destinations_countries"] = options.DestinationsCountries,
            ["earliest_bandwidth"] = Iso(earliest),
            ["file_created"] = Iso(DateTime.UnixEpoch.AddSeconds(Math.Floor((now - DateTime.UnixEpoch).TotalSeconds))),
            ["latest_bandwidth"] = Iso(latest),
            ["recent_measurements_excluded_error_count"] = Int(excluded.Count(r => r.Status == "error")),
            ["recent_measurements_excluded_near_count"] = Int(excluded.Count(r => r.Status == "near")),
            ["recent_measurements_excluded_old_count"] = Int(excluded.Count(r => r.Status == "old")),
            ["recent_measurements_excluded_few_count"] = Int(excluded.Count(r => r.Status == "few")),
            ["scanner_country"] = options.ScannerCountry,
            ["software"] = options.Software,
            ["software_version"] = options.SoftwareVersion,
        };
        if (options.DirauthNickname is { Length: > 0 } dirauth)
        {
            header["dirauth_nickname"] = dirauth;
        }

        long? mu = null, muf = null;
        if (torflow && eligible.Count > 0)
        {
            mu = (long)Math.Round(eligible[0].Relay.Mu ?? 0);
            muf = (long)Math.Round(eligible[0].Relay.Muf ?? 0);
            header["mu"] = Int(mu.Value);
            header["muf"] = Int(muf.Value);
        }

        if (consensusRelays is { } total)
        {
            header["minimum_number_eligible_relays"] = Int(minimumNumber!.Value);
            header["minimum_percent_eligible_relays"] = Int(MinimumPercentEligibleRelays);
            header["number_consensus_relays"] = Int(total);
            header["number_eligible_relays"] = Int(eligible.Count);
            header["percent_eligible_relays"] = Int(percent ?? 0);
            if (eligible.Count > 0 && eligible.Count >= total / 2.0)
            {
                // How long this scanner would take to measure half the network at the pace of this window.
                double elapsed = (latest - earliest).TotalSeconds;
                header["time_to_report_half_network"] = Int((long)Math.Round(elapsed * (total / 2.0) / eligible.Count));
            }
        }

        if (state is not null)
        {
            AddStateKeys(header, state, window);
        }

        var text = new StringBuilder();
        text.Append(Int((long)Math.Round((latest - DateTime.UnixEpoch).TotalSeconds))).Append('\n');
        text.Append("version=").Append(SpecVersion).Append('\n');
        foreach (var (key, value) in header)
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }

        text.Append("=====\n");

        var lines = new List<BandwidthFileLine>();
        foreach (var (relay, bw) in eligible)
        {
            lines.Add(RelayLines.Eligible(options, relay, bw, underMinReport));
        }

        // With nothing eligible, the excluded lines are all the file has, and they fall under the 60 % rule too.
        bool excludedUnderMin = underMinReport && eligible.Count == 0;
        foreach (var relay in excluded)
        {
            lines.Add(RelayLines.Excluded(options, relay, excludedUnderMin));
        }

        foreach (var line in lines)
        {
            text.Append(line.Text).Append('\n');
        }

        var figures = new BandwidthFileFigures
        {
            RelayLines = lines.Count,
            EligibleRelays = eligible.Count,
            ConsensusRelays = consensusRelays,
            PercentEligibleRelays = percent,
            MinPercentReached = torflow ? (consensusRelays is null ? null : reached) : null,
            Mu = mu,
            Muf = muf,
            ExcludedError = excluded.Count(r => r.Status == "error"),
            ExcludedNear = excluded.Count(r => r.Status == "near"),
            ExcludedOld = excluded.Count(r => r.Status == "old"),
            ExcludedFew = excluded.Count(r => r.Status == "few"),
        };
        return new BandwidthFileDocument(text.ToString(), lines, figures);
    }

    private static void AddStateKeys(SortedDictionary<string, string> header, ScannerState state, WindowSummary window)
    {
        // sbws's header key for when the scanner started is generator_started.
        if (state.ScannerStarted is { } started)
        {
            header["generator_started"] = Iso(started);
        }

        header["recent_consensus_count"] = Int(state.RecentConsensus.Count);
        header["recent_priority_list_count"] = Int(state.RecentPriorityList.Count);
        header["recent_priority_relay_count"] = Int(state.RecentPriorityRelay.Sum(n => (long)n));
        if (state.RecentMeasurementAttempt is { } attempts)
        {
            header["recent_measurement_attempt_count"] = Int(attempts.Count);
            // Attempts the scanner counted that left no result in the window; stale state can make it negative.
            header["recent_measurement_failure_count"] = Int(attempts.Count - window.Results);
        }

        if (state.TorVersion is { Length: > 0 } tor)
        {
            header["tor_version"] = tor;
        }
    }

    /// <summary>The scanner's times have fractions of a second; the file has whole seconds, rounded.</summary>
    internal static DateTime RoundedSeconds(DateTime time) =>
        DateTime.UnixEpoch.AddSeconds(Math.Round((time - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond));

    internal static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    internal static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
