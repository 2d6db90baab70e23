namespace TorMetrics.Domain.Descriptors.OnionPerf;

/// <summary>
/// One OnionPerf analysis document (<c>YYYY-MM-DD.&lt;source&gt;.onionperf.analysis.json[.xz]</c>, schema
/// onionperf-2.0/3.x): a day of TGen transfers through Tor plus the circuits and streams Tor reported.
/// Versions 2.0 (<c>tgen.transfers</c>) and 3.x (<c>tgen.streams</c>) are read into the same records.
/// </summary>
public sealed record OnionPerfAnalysis : Descriptor
{
    /// <summary>Top-level <c>type</c>: always "onionperf".</summary>
    public required string Type { get; init; }

    /// <summary>Top-level <c>version</c>, e.g. "2.0" or "3.0".</summary>
    public required string Version { get; init; }

    /// <summary>One entry per key of <c>data</c> (usually one: the measuring host).</summary>
    public IReadOnlyList<OnionPerfSource> Sources { get; init; } = [];
}

/// <summary><c>data.&lt;name&gt;</c>: what one OnionPerf host measured.</summary>
public sealed record OnionPerfSource
{
    public required string Name { get; init; }

    /// <summary>The host's public address, or "unknown".</summary>
    public string? MeasurementIp { get; init; }

    public IReadOnlyList<OnionPerfTransfer> Transfers { get; init; } = [];

    public IReadOnlyList<OnionPerfCircuit> Circuits { get; init; } = [];

    public IReadOnlyList<OnionPerfStream> Streams { get; init; } = [];
}

/// <summary>
/// One TGen download: a 2.0 <c>transfers</c> entry or a 3.x <c>streams</c> entry. Milestones are seconds
/// after <see cref="Start"/>, keyed by the 2.0 names (<c>socket_create</c>, <c>socket_connect</c>,
/// <c>proxy_choice</c>, <c>proxy_init</c>, <c>proxy_request</c>, <c>proxy_response</c>, <c>command</c>,
/// <c>response</c>, <c>first_byte</c>, <c>last_byte</c>, <c>checksum</c>); milestones never reached are absent.
/// </summary>
public sealed record OnionPerfTransfer
{
    /// <summary>The transfer or stream id (the JSON key).</summary>
    public required string Id { get; init; }

    public required DateTime Start { get; init; }

    public DateTime? End { get; init; }

    public bool IsSuccess { get; init; }

    public bool IsError { get; init; }

    public bool IsComplete { get; init; }

    /// <summary>"NONE" on success, else e.g. "PROXY", "TIMEOUT", "READ".</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Requested payload size in bytes (2.0 <c>filesize_bytes</c>, 3.x <c>stream_info.recvsize</c>).</summary>
    public long? FileSize { get; init; }

    public long? TotalBytesRead { get; init; }

    public long? TotalBytesWritten { get; init; }

    /// <summary><c>host:ip:port</c> as in torperf 1.1 <c>ENDPOINTLOCAL</c>; the port joins the transfer to its Tor stream's <see cref="OnionPerfStream.Source"/>.</summary>
    public string? EndpointLocal { get; init; }

    public string? EndpointProxy { get; init; }

    public string? EndpointRemote { get; init; }

    public string? HostnameLocal { get; init; }

    public string? HostnameRemote { get; init; }

    public IReadOnlyDictionary<string, double> Milestones { get; init; } = new Dictionary<string, double>();

    /// <summary>Seconds after <see cref="Start"/> when the given fraction (0.0 to 1.0) of the payload had arrived.</summary>
    public IReadOnlyDictionary<decimal, double> PayloadProgress { get; init; } = new Dictionary<decimal, double>();

    /// <summary>Seconds after <see cref="Start"/> when the given number of payload bytes had arrived.</summary>
    public IReadOnlyDictionary<long, double> PayloadBytes { get; init; } = new Dictionary<long, double>();

    /// <summary>Time to last byte, when the download completed.</summary>
    public TimeSpan? DownloadTime => Milestones.TryGetValue("last_byte", out double s) ? TimeSpan.FromSeconds(s) : null;
}

/// <summary><c>tor.circuits.&lt;id&gt;</c>: a circuit Tor built (or failed to build) during the measurements.</summary>
public sealed record OnionPerfCircuit
{
    public required long Id { get; init; }

    public required DateTime Start { get; init; }

    public DateTime? End { get; init; }

    /// <summary>Hops in order, each with when it was added (seconds after <see cref="Start"/>).</summary>
    public IReadOnlyList<OnionPerfHop> Path { get; init; } = [];

    public double? BuildTimeSeconds { get; init; }

    /// <summary>Circuit build timeout in milliseconds.</summary>
    public long? BuildTimeout { get; init; }

    public double? BuildQuantile { get; init; }

    public string? FailureReasonLocal { get; init; }

    public string? FailureReasonRemote { get; init; }
}

/// <summary>A circuit hop, from <c>$FINGERPRINT~nickname</c>.</summary>
public sealed record OnionPerfHop(string Fingerprint, string? Nickname, double ElapsedSeconds);

/// <summary><c>tor.streams.&lt;id&gt;</c>: a Tor stream; TGen's are joined to transfers by the client port.</summary>
public sealed record OnionPerfStream
{
    public required long Id { get; init; }

    public long? CircuitId { get; init; }

    /// <summary>Client address and port, e.g. "127.0.0.1:46222"; absent for Tor's own directory streams.</summary>
    public string? Source { get; init; }

    public string? Target { get; init; }

    public required DateTime Start { get; init; }

    public DateTime? End { get; init; }

    public string? FailureReasonLocal { get; init; }

    public string? FailureReasonRemote { get; init; }
}
