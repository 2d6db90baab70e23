namespace TorMetrics.Domain.Descriptors.BandwidthFiles;

/// <summary>
/// A bandwidth file (torspec bandwidth-file-spec): what a bandwidth scanner (Torflow, sbws) hands its
/// directory authority, which votes each relay's <c>bw</c> as <c>w Measured=</c>. Format 1.0.0 is a
/// timestamp line and relay lines; 1.1.0+ adds header key=values ended by <c>=====</c>.
/// </summary>
public sealed record BandwidthFile : Descriptor
{
    /// <summary>Line 1: Unix time of the newest measurement. Tor ignores files older than three days.</summary>
    public required DateTime Timestamp { get; init; }

    /// <summary>The header's <c>version</c>; "1.0.0" when the file has none (bandwidth-file-spec §2.2).</summary>
    public required string Version { get; init; }

    /// <summary>The header's <c>software</c> as written (e.g. "sbws"); null in 1.0.0 files, which imply Torflow.</summary>
    public string? Software { get; init; }

    public string? SoftwareVersion { get; init; }

    /// <summary>Header <c>file_created</c> (ISO, UTC): CollecTor names the file after it.</summary>
    public DateTime? FileCreated { get; init; }

    public DateTime? GeneratorStarted { get; init; }

    public DateTime? EarliestBandwidth { get; init; }

    public DateTime? LatestBandwidth { get; init; }

    /// <summary>Every header key=value in file order of first appearance, <c>version</c> and unknown keys included.</summary>
    public IReadOnlyDictionary<string, string> Header { get; init; } = new Dictionary<string, string>();

    /// <summary>The header terminator as written (<c>=====</c>, or <c>====</c> from sbws before 1.0.3); null when absent.</summary>
    public string? Terminator { get; init; }

    /// <summary>Relay lines in file order. Duplicates are kept: tor applies lines in turn, so the last one wins there.</summary>
    public IReadOnlyList<BandwidthFileRelay> Relays { get; init; } = [];

    /// <summary>Lines that are neither header nor valid relay lines (tor skips them with a warning), verbatim.</summary>
    public IReadOnlyList<string> UnrecognizedLines { get; init; } = [];

    /// <summary>
    /// Upper-case hex SHA-256 of the file without its annotation lines: the hex in CollecTor's file name
    /// (<c>...-bandwidth-&lt;HEX&gt;</c>).
    /// </summary>
    public required string DigestSha256Hex { get; init; }

    /// <summary>The same digest as unpadded base64: a vote's <c>bandwidth-file-digest sha256=...</c>.</summary>
    public required string DigestSha256Base64 { get; init; }

    /// <summary>A header value as an integer, when present and numeric.</summary>
    public long? HeaderInt64(string key) =>
        Header.TryGetValue(key, out string? v) && long.TryParse(v, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long n)
            ? n
            : null;
}
