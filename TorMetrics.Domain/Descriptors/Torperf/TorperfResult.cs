namespace TorMetrics.Domain.Descriptors.Torperf;

/// <summary>
/// One Torperf or OnionPerf measurement (CollecTor <c>@type torperf 1.0/1.1</c>): a download of
/// <see cref="FileSize"/> bytes through Tor with the time of each milestone. Milestones are UTC; a
/// milestone written as 0 was never reached (timeouts, failures) and is null here.
/// </summary>
public sealed record TorperfResult : Descriptor
{
    /// <summary><c>SOURCE</c>: the measuring host's name (e.g. "moria", "op-nl").</summary>
    public required string Source { get; init; }

    /// <summary><c>FILESIZE</c> in bytes.</summary>
    public required long FileSize { get; init; }

    public required DateTime Start { get; init; }

    public DateTime? Socket { get; init; }

    public DateTime? Connect { get; init; }

    /// <summary>SOCKS methods agreed.</summary>
    public DateTime? Negotiate { get; init; }

    /// <summary>SOCKS request sent.</summary>
    public DateTime? Request { get; init; }

    /// <summary>SOCKS reply received.</summary>
    public DateTime? Response { get; init; }

    /// <summary>HTTP request written.</summary>
    public DateTime? DataRequest { get; init; }

    /// <summary>First response byte read.</summary>
    public DateTime? DataResponse { get; init; }

    /// <summary>Last byte read; <c>DataComplete - Start</c> is the download time metrics report.</summary>
    public DateTime? DataComplete { get; init; }

    public required long WriteBytes { get; init; }

    public required long ReadBytes { get; init; }

    /// <summary><c>DIDTIMEOUT=1</c>: the download was given up; null when the key is absent.</summary>
    public bool? DidTimeout { get; init; }

    /// <summary><c>DATAPERCn</c>: when n % of the payload had arrived (OnionPerf adds 0 and 100).</summary>
    public IReadOnlyDictionary<int, DateTime> DataPercentiles { get; init; } = new Dictionary<int, DateTime>();

    /// <summary>Circuit launch time.</summary>
    public DateTime? Launch { get; init; }

    /// <summary>When the circuit was attached to the stream.</summary>
    public DateTime? UsedAt { get; init; }

    /// <summary><c>PATH</c>: the circuit's relays, 40 upper-case hex characters each, guard first.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary><c>BUILDTIMES</c>: seconds from launch until each hop was added.</summary>
    public IReadOnlyList<double> BuildTimes { get; init; } = [];

    /// <summary>Circuit build timeout in milliseconds.</summary>
    public long? Timeout { get; init; }

    /// <summary>Circuit build time quantile used for <see cref="Timeout"/>.</summary>
    public double? Quantile { get; init; }

    public long? CircuitId { get; init; }

    /// <summary>The stream id that used the circuit.</summary>
    public long? UsedBy { get; init; }

    /// <summary>1.1: <c>host:ip:port</c> of the client side, e.g. <c>localhost:127.0.0.1:48934</c>.</summary>
    public string? EndpointLocal { get; init; }

    public string? EndpointProxy { get; init; }

    /// <summary>1.1: the server, an onion address for onion-service measurements.</summary>
    public string? EndpointRemote { get; init; }

    public string? HostnameLocal { get; init; }

    public string? HostnameRemote { get; init; }

    /// <summary>1.1: the measuring host's public address, or "unknown".</summary>
    public string? SourceAddress { get; init; }

    /// <summary>Every KEY=value of the line as written, including keys not listed above.</summary>
    public required IReadOnlyDictionary<string, string> Values { get; init; }

    /// <summary>Download time from <see cref="Start"/> to <see cref="DataComplete"/>, when completed.</summary>
    public TimeSpan? DownloadTime => DataComplete is { } done ? done - Start : null;
}
