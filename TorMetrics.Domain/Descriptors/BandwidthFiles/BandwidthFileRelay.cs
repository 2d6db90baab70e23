using System.Globalization;

namespace TorMetrics.Domain.Descriptors.BandwidthFiles;

/// <summary>
/// One relay line of a bandwidth file: space-separated key=values, of which only <c>node_id</c>
/// (or <c>master_key_ed25519</c>) and <c>bw</c> are required. Every key is kept in <see cref="Values"/>.
/// </summary>
public sealed record BandwidthFileRelay
{
    /// <summary>40 upper-case hex characters from <c>node_id</c> (the <c>$</c> is optional since format 1.9.0); null when only the ed25519 key identifies the relay.</summary>
    public string? Fingerprint { get; init; }

    /// <summary><c>master_key_ed25519</c>: unpadded base64 ed25519 identity.</summary>
    public string? MasterKeyEd25519 { get; init; }

    /// <summary><c>bw</c> in kilobytes (1000 bytes) per second: what the authority votes.</summary>
    public required long Bandwidth { get; init; }

    public string? Nickname { get; init; }

    /// <summary>When the relay was last measured: sbws <c>time</c> (ISO) or Torflow <c>measured_at</c> (Unix).</summary>
    public DateTime? MeasuredAt { get; init; }

    /// <summary>False for <c>vote=0</c> lines, which authorities must not vote (format 1.4.0 diagnostics).</summary>
    public bool Vote { get; init; } = true;

    /// <summary><c>unmeasured=1</c>: no usable measurement; <c>bw</c> is then 1.</summary>
    public bool Unmeasured { get; init; }

    /// <summary><c>under_min_report=1</c>: too few relays measured; <c>bw</c> is kept as measured.</summary>
    public bool UnderMinReport { get; init; }

    /// <summary>All key=values of the line as written, known and unknown.</summary>
    public required IReadOnlyDictionary<string, string> Values { get; init; }

    /// <summary>1-based line number in the file.</summary>
    public required int LineNumber { get; init; }

    /// <summary>A value as an integer (e.g. <c>bw_mean</c>, <c>consensus_bandwidth</c>); null when absent or not an integer (sbws writes <c>None</c>).</summary>
    public long? GetInt64(string key) =>
        Values.TryGetValue(key, out string? v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) ? n : null;

    /// <summary>A value as a number (ratios such as <c>r_strm</c>, Torflow's <c>pid_*</c>).</summary>
    public double? GetDouble(string key) =>
        Values.TryGetValue(key, out string? v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) ? n : null;
}
