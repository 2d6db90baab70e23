using TorMetrics.Domain.Synthetic.Tables;

namespace TorMetrics.Domain.Synthetic;

/// <summary>Everything fixed about one synthetic relay for the whole period, and its scheduled changes.</summary>
public sealed class RelayPlan
{
    public required int Index { get; init; }

    public required byte[] SigningKey { get; init; }

    public required byte[] OnionKey { get; init; }

    /// <summary>SHA-1 of <see cref="SigningKey"/>, as tor defines the fingerprint.</summary>
    public required byte[] Identity { get; init; }

    public required string Fingerprint { get; init; }

    public required byte[] MasterKey { get; init; }

    public required byte[] Ed25519SigningKey { get; init; }

    public required byte[] NtorKey { get; init; }

    public required string Nickname { get; set; }

    public required string? Contact { get; set; }

    public required string Os { get; set; }

    public required string Version { get; set; }

    public required FlagProfile Profile { get; init; }

    public bool IsAuthority { get; init; }

    public required double BaseWeight { get; init; }

    public required double WeightPhase { get; init; }

    public required long Rate { get; init; }

    public required long Burst { get; init; }

    public required ExitPolicyTemplate Policy { get; init; }

    public required bool HasIpv6Policy { get; init; }

    public required Country Country { get; set; }

    public required string Address { get; set; }

    public required int OrPort { get; set; }

    public required int DirPort { get; init; }

    public required string? Ipv6Address { get; set; }

    public required OnlineSpans Online { get; init; }

    /// <summary>Hour of the first appearance; below zero for relays that ran before the period.</summary>
    public required int JoinHour { get; init; }

    /// <summary>For relays running before the period: when they last started.</summary>
    public required DateTime EarlierRestart { get; init; }

    /// <summary>When the relay started keeping statistics (its history begins here).</summary>
    public required DateTime StatisticsSince { get; init; }

    public required int UnmeasuredHours { get; init; }

    public (int Hour, string Address, int OrPort)? AddressChange { get; set; }

    public (int Hour, string Version)? Upgrade { get; set; }

    public (int From, int To)? Hibernation { get; set; }

    public int? OverloadHour { get; set; }

    public bool FdExhausted { get; set; }

    public string[]? FamilyLine { get; set; }

    public required int StatisticsPhaseSeconds { get; init; }

    public required double Utilization { get; init; }

    public required double WriteOverRead { get; init; }

    public required bool DirreqStatistics { get; init; }

    public required bool HidservStatistics { get; init; }

    public required bool GeoipDigests { get; init; }

    public required bool PaddingCounts { get; init; }

    public required bool CachesExtraInfo { get; init; }

    public required double DirectoryClients { get; init; }

    public bool IsExit => Profile.Has("Exit");

    public bool IsHibernating(int hour) => Hibernation is { } h && hour >= h.From && hour < h.To;
}
