namespace TorMetrics.Domain.Descriptors.ExtraInfos;

/// <summary>
/// A relay or sanitised bridge extra-info descriptor (dir-spec §2.1.2): traffic histories and
/// the statistics a relay opted to publish. Every statistic is optional and null when absent.
/// Country maps use the lower-case codes as written ("??" = unknown).
/// </summary>
public sealed record ExtraInfoDescriptor : Descriptor
{
    public required string Nickname { get; init; }

    /// <summary>40 upper-case hex characters; for bridges the hashed fingerprint.</summary>
    public required string Fingerprint { get; init; }

    public required DateTime Published { get; init; }

    public string? MasterKeyEd25519 { get; init; }

    public BandwidthHistory? ReadHistory { get; init; }

    public BandwidthHistory? WriteHistory { get; init; }

    public BandwidthHistory? Ipv6ReadHistory { get; init; }

    public BandwidthHistory? Ipv6WriteHistory { get; init; }

    public BandwidthHistory? DirreqReadHistory { get; init; }

    public BandwidthHistory? DirreqWriteHistory { get; init; }

    public string? GeoipDbDigest { get; init; }

    public string? Geoip6DbDigest { get; init; }

    public DateTime? GeoipStartTime { get; init; }

    public IReadOnlyDictionary<string, long>? GeoipClientOrigins { get; init; }

    public StatsInterval? DirreqStatsEnd { get; init; }

    /// <summary>Unique client IPs per country, rounded up to multiples of 8: the basis of user estimates.</summary>
    public IReadOnlyDictionary<string, long>? DirreqV3Ips { get; init; }

    public IReadOnlyDictionary<string, long>? DirreqV3Reqs { get; init; }

    public IReadOnlyDictionary<string, long>? DirreqV3Resp { get; init; }

    public IReadOnlyDictionary<string, long>? DirreqV3DirectDl { get; init; }

    public IReadOnlyDictionary<string, long>? DirreqV3TunneledDl { get; init; }

    public IReadOnlyDictionary<string, long>? DirreqV2Ips { get; init; }

    public IReadOnlyDictionary<string, long>? DirreqV2Reqs { get; init; }

    public IReadOnlyDictionary<string, long>? DirreqV2Resp { get; init; }

    public IReadOnlyDictionary<string, long>? DirreqV2DirectDl { get; init; }

    public IReadOnlyDictionary<string, long>? DirreqV2TunneledDl { get; init; }

    public StatsInterval? EntryStatsEnd { get; init; }

    public IReadOnlyDictionary<string, long>? EntryIps { get; init; }

    public StatsInterval? CellStatsEnd { get; init; }

    public IReadOnlyList<double>? CellProcessedCells { get; init; }

    public IReadOnlyList<double>? CellQueuedCells { get; init; }

    public IReadOnlyList<double>? CellTimeInQueue { get; init; }

    public int? CellCircuitsPerDecile { get; init; }

    public ConnBiDirect? ConnBiDirect { get; init; }

    public ConnBiDirect? Ipv6ConnBiDirect { get; init; }

    public StatsInterval? ExitStatsEnd { get; init; }

    /// <summary>Per port ("80", "other"), in KiB.</summary>
    public IReadOnlyDictionary<string, long>? ExitKibibytesWritten { get; init; }

    public IReadOnlyDictionary<string, long>? ExitKibibytesRead { get; init; }

    public IReadOnlyDictionary<string, long>? ExitStreamsOpened { get; init; }

    public StatsInterval? HidservStatsEnd { get; init; }

    public HidservStatistic? HidservRendRelayedCells { get; init; }

    public HidservStatistic? HidservDirOnionsSeen { get; init; }

    public StatsInterval? HidservV3StatsEnd { get; init; }

    public HidservStatistic? HidservRendV3RelayedCells { get; init; }

    public HidservStatistic? HidservDirV3OnionsSeen { get; init; }

    public PaddingCounts? PaddingCounts { get; init; }

    /// <summary><c>transport</c> lines' arguments; sanitised bridges keep only the name.</summary>
    public IReadOnlyList<string> Transports { get; init; } = [];

    public StatsInterval? BridgeStatsEnd { get; init; }

    public IReadOnlyDictionary<string, long>? BridgeIps { get; init; }

    public IReadOnlyDictionary<string, long>? BridgeIpVersions { get; init; }

    public IReadOnlyDictionary<string, long>? BridgeIpTransports { get; init; }

    public OverloadRatelimits? OverloadRatelimits { get; init; }

    public OverloadFdExhausted? OverloadFdExhausted { get; init; }

    /// <summary>
    /// Upper-case hex SHA-1 from <c>extra-info</c> through <c>router-signature\n</c> (what the
    /// server descriptor's <c>extra-info-digest</c> names); for bridges the <c>router-digest</c> line.
    /// </summary>
    public required string DigestSha1Hex { get; init; }

    /// <summary>
    /// Unpadded base64 SHA-256 of the whole document including its signature (dir-spec, the
    /// second <c>extra-info-digest</c> argument); for bridges the <c>router-digest-sha256</c> line.
    /// </summary>
    public string? DigestSha256Base64 { get; init; }

    /// <summary>
    /// Recognised lines whose value could not be read ("keyword: reason"). An archive keeps the
    /// descriptor and loses only that statistic (e.g. garbage bytes in <c>dirreq-v3-reqs</c>).
    /// </summary>
    public IReadOnlyList<string> MalformedLines { get; init; } = [];

    public IReadOnlyList<string> UnrecognizedLines { get; init; } = [];
}

/// <summary><c>conn-bi-direct</c>: connections mostly reading, mostly writing, both, or below threshold.</summary>
public sealed record ConnBiDirect(DateTime End, int IntervalSeconds, long Below, long Read, long Write, long Both);

/// <summary>A noisy onion-service statistic: the value (may be negative) and its attributes (delta_f, epsilon, bin_size).</summary>
public sealed record HidservStatistic(long Value, IReadOnlyDictionary<string, string> Attributes);

/// <summary><c>padding-counts</c>: interval and the counters as written.</summary>
public sealed record PaddingCounts(DateTime End, int IntervalSeconds, IReadOnlyDictionary<string, long> Counts);

/// <summary><c>overload-ratelimits version date time rate burst read-count write-count</c>.</summary>
public sealed record OverloadRatelimits(int Version, DateTime Since, long RateLimit, long BurstLimit, long ReadCount, long WriteCount);

/// <summary><c>overload-fd-exhausted version date time</c>.</summary>
public sealed record OverloadFdExhausted(int Version, DateTime Since);
