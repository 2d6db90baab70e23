namespace TorMetrics.Domain.Descriptors.BandwidthFiles;

/// <summary>
/// Parses bandwidth files (torspec bandwidth-file-spec, versions 1.0.0 to 1.9.0). Follows what tor's
/// reader accepts: the header ends at the terminator or at the first line that is not a single
/// key=value, and a bad relay line costs that line only (kept in <see cref="BandwidthFile.UnrecognizedLines"/>).
/// </summary>
public static class BandwidthFileParser
{
    private const string DefaultVersion = "1.0.0";

    public static BandwidthFile Parse(RawDocument raw, DescriptorKind kind)
    {
        var reader = new DescriptorReader(raw.Bytes.Span, raw.LineNumber);
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        var relays = new List<BandwidthFileRelay>();
        List<string>? unrecognized = null;
        DateTime? timestamp = null;
        string? terminator = null;
        bool inHeader = true;

        while (reader.Position < raw.Bytes.Length)
        {
            int lineNumber = reader.LineNumber;
            var line = DescriptorText.Trim(reader.ReadLine(out _));
            if (line.IsEmpty)
            {
                continue;
            }

            if (timestamp is null)
            {
                if (!UnixTime.TryParseSeconds(line, out var ts))
                {
                    throw new DescriptorParseException($"first line must be a Unix timestamp, got '{DescriptorText.Text(line)}'", lineNumber);
                }

                timestamp = ts;
                continue;
            }

            if (inHeader)
            {
                if (IsTerminator(line))
                {
                    terminator = DescriptorText.Ascii(line);
                    inHeader = false;
                    continue;
                }

                if (TryHeaderLine(line, out string? key, out string? value))
                {
                    if (!header.TryAdd(key, value))
                    {
                        // Keys must not repeat (§2.2); the first one stands, the repeat is kept as written.
                        (unrecognized ??= []).Add(DescriptorText.Text(line));
                    }

                    continue;
                }

                // Format 1.0.0 has no terminator: the first relay line ends the header.
                inHeader = false;
            }

            if (TryRelayLine(line, lineNumber, out var relay))
            {
                relays.Add(relay);
            }
            else
            {
                (unrecognized ??= []).Add(DescriptorText.Text(line));
            }
        }

        if (timestamp is null)
        {
            throw new DescriptorParseException("empty bandwidth file", raw.LineNumber);
        }

        byte[] digest = System.Security.Cryptography.SHA256.HashData(raw.Bytes.Span);
        return new BandwidthFile
        {
            Kind = kind,
            Raw = raw,
            DigestSha256Hex = Convert.ToHexString(digest),
            DigestSha256Base64 = DescriptorText.ToBase64Unpadded(digest),
            Timestamp = timestamp.Value,
            Version = header.GetValueOrDefault("version", DefaultVersion),
            Software = header.GetValueOrDefault("software"),
            SoftwareVersion = header.GetValueOrDefault("software_version"),
            FileCreated = IsoHeader(header, "file_created"),
            GeneratorStarted = IsoHeader(header, "generator_started"),
            EarliestBandwidth = IsoHeader(header, "earliest_bandwidth"),
            LatestBandwidth = IsoHeader(header, "latest_bandwidth"),
            Header = header,
            Terminator = terminator,
            Relays = relays,
            UnrecognizedLines = unrecognized ?? [],
        };
    }

    // "=====" is the terminator; sbws 0.1.0 to 1.0.2 wrote "====", which readers must accept too.
    private static bool IsTerminator(ReadOnlySpan<byte> line) =>
        line.Length >= 4 && line.IndexOfAnyExcept((byte)'=') < 0;

    private static bool TryHeaderLine(ReadOnlySpan<byte> line, out string key, out string value)
    {
        key = string.Empty;
        value = string.Empty;
        int eq = line.IndexOf((byte)'=');
        if (eq <= 0 || line.IndexOfAny((byte)' ', (byte)'\t') >= 0)
        {
            return false;
        }

        var k = line[..eq];

        // A relay line with one key=value is still a relay line, never a header.
        if (k.SequenceEqual("node_id"u8) || k.SequenceEqual("bw"u8) || k.SequenceEqual("master_key_ed25519"u8))
        {
            return false;
        }

        key = DescriptorText.Ascii(k);
        value = DescriptorText.Text(line[(eq + 1)..]);
        return true;
    }

    private static bool TryRelayLine(ReadOnlySpan<byte> line, int lineNumber, out BandwidthFileRelay relay)
    {
        relay = null!;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var tokens = new ArgumentTokenizer(line);
        while (tokens.TryNext(out var token))
        {
            int eq = token.IndexOf((byte)'=');
            if (eq <= 0)
            {
                return false;
            }

            string key = DescriptorText.Ascii(token[..eq]);
            if (!values.TryAdd(key, DescriptorText.Text(token[(eq + 1)..])) && key is "node_id" or "bw")
            {
                // tor rejects a line with a second node_id or bw: which one counts would be a guess.
                return false;
            }
        }

        string? fingerprint = null;
        if (values.TryGetValue("node_id", out string? nodeId))
        {
            string hex = nodeId.StartsWith('$') ? nodeId[1..] : nodeId;
            if (hex.Length != 40 || !hex.All(char.IsAsciiHexDigit))
            {
                return false;
            }

            fingerprint = hex.ToUpperInvariant();
        }

        string? ed25519 = values.GetValueOrDefault("master_key_ed25519");
        if ((fingerprint is null && ed25519 is null)
            || !values.TryGetValue("bw", out string? bwText)
            || !long.TryParse(bwText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long bw))
        {
            return false;
        }

        DateTime? measuredAt = null;
        if (values.TryGetValue("time", out string? time) && TryTime(time, out var t))
        {
            measuredAt = t;
        }
        else if (values.TryGetValue("measured_at", out string? epoch) && TryTime(epoch, out var unix))
        {
            measuredAt = unix;
        }

        relay = new BandwidthFileRelay
        {
            Fingerprint = fingerprint,
            MasterKeyEd25519 = ed25519,
            Bandwidth = bw,
            Nickname = values.GetValueOrDefault("nick"),
            MeasuredAt = measuredAt,
            Vote = values.GetValueOrDefault("vote") != "0",
            Unmeasured = values.GetValueOrDefault("unmeasured") == "1",
            UnderMinReport = values.GetValueOrDefault("under_min_report") == "1",
            Values = values,
            LineNumber = lineNumber,
        };
        return true;
    }

    // sbws writes ISO times; its 0.1.0 format and Torflow wrote Unix seconds.
    private static bool TryTime(string s, out DateTime value) =>
        UnixTime.TryParseIso(s, out value) || UnixTime.TryParseSeconds(System.Text.Encoding.ASCII.GetBytes(s), out value);

    private static DateTime? IsoHeader(Dictionary<string, string> header, string key) =>
        header.TryGetValue(key, out string? v) && UnixTime.TryParseIso(v, out var t) ? t : null;
}
