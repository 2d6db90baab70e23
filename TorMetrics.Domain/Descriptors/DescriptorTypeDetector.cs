namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// Finds a file's <see cref="DescriptorKind"/>: from its <c>@type</c> annotation when present,
/// otherwise by sniffing the first keyword (tor's cache files and stem fixtures carry no
/// annotation), and last from the file name. When annotation and content disagree, the
/// content wins (CollecTor once wrote exit lists with <c>@type torperf 1.0</c>).
/// </summary>
public static class DescriptorTypeDetector
{
    public static DescriptorDetection Detect(ReadOnlySpan<byte> content, string? fileName = null)
    {
        DescriptorTypeAnnotation? annotation = null;
        bool bridgePurpose = false;
        var reader = new DescriptorReader(content);
        ReadOnlySpan<byte> firstLine = default;
        ReadOnlySpan<byte> secondLine = default;
        int position = 0;
        while (position < content.Length)
        {
            var line = reader.ReadLine(out int lineEnd);
            position = lineEnd;
            if (DescriptorText.Trim(line).IsEmpty)
            {
                continue;
            }

            if (line[0] == (byte)'@')
            {
                if (annotation is null && line.StartsWith("@type "u8))
                {
                    annotation = DescriptorTypeAnnotation.TryParse(line[6..]);
                }
                else if (line.StartsWith("@purpose bridge"u8))
                {
                    bridgePurpose = true;
                }

                continue;
            }

            if (firstLine.IsEmpty)
            {
                firstLine = line;
                continue;
            }

            secondLine = line;
            break;
        }

        var sniffed = Sniff(firstLine, secondLine, content, bridgePurpose);
        if (annotation is not null)
        {
            if (annotation.Kind == DescriptorKind.Unknown)
            {
                return new DescriptorDetection(DescriptorKind.Unknown, annotation, $"unsupported type '{annotation.Name}'");
            }

            if (sniffed != DescriptorKind.Unknown && Family(sniffed) != Family(annotation.Kind))
            {
                return new DescriptorDetection(sniffed, annotation, $"content looks like {DescriptorKindNames.ToTypeName(sniffed)}, not {annotation.Name}");
            }

            return new DescriptorDetection(annotation.Kind, annotation, "@type annotation");
        }

        if (sniffed != DescriptorKind.Unknown)
        {
            return new DescriptorDetection(sniffed, null, "first keyword");
        }

        var byName = FromFileName(fileName);
        if (byName != DescriptorKind.Unknown)
        {
            return new DescriptorDetection(byName, null, "file name");
        }

        return new DescriptorDetection(DescriptorKind.Unknown, null, content.IsEmpty ? "empty file" : "not a recognised descriptor format");
    }

    /// <summary>Kinds from tor's cache file names and CollecTor's name patterns for unannotated files.</summary>
    public static DescriptorKind FromFileName(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName))
        {
            return DescriptorKind.Unknown;
        }

        string name = Path.GetFileName(fileName);
        if (name.EndsWith(".new", StringComparison.Ordinal))
        {
            name = name[..^4];
        }

        return name switch
        {
            "cached-consensus" => DescriptorKind.NetworkStatusConsensus,
            "cached-microdesc-consensus" => DescriptorKind.NetworkStatusMicrodescConsensus,
            "cached-descriptors" => DescriptorKind.ServerDescriptor,
            "cached-extrainfo" => DescriptorKind.ExtraInfo,
            "cached-microdescs" => DescriptorKind.Microdescriptor,
            "cached-certs" => DescriptorKind.DirKeyCertificate,
            _ when name.EndsWith("onionperf.analysis.json", StringComparison.Ordinal)
                || name.EndsWith("onionperf.analysis.json.xz", StringComparison.Ordinal) => DescriptorKind.OnionPerfAnalysis,
            _ when name.Contains("_access.log_", StringComparison.Ordinal) => DescriptorKind.WebStats,
            _ when name.EndsWith(".tpf", StringComparison.Ordinal) => DescriptorKind.Torperf,
            _ when name.EndsWith(".v3bw", StringComparison.Ordinal) => DescriptorKind.BandwidthFile,
            _ when name.EndsWith("-consensus-microdesc", StringComparison.Ordinal) => DescriptorKind.NetworkStatusMicrodescConsensus,
            _ when name.EndsWith("-consensus", StringComparison.Ordinal) => DescriptorKind.NetworkStatusConsensus,
            _ when name.EndsWith("-server-descriptors", StringComparison.Ordinal) => DescriptorKind.ServerDescriptor,
            _ when name.EndsWith("-extra-infos", StringComparison.Ordinal) => DescriptorKind.ExtraInfo,
            _ when name.EndsWith("-micro", StringComparison.Ordinal) => DescriptorKind.Microdescriptor,
            _ => DescriptorKind.Unknown,
        };
    }

    private static DescriptorKind Sniff(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> content, bool bridgePurpose)
    {
        if (first.IsEmpty)
        {
            return DescriptorKind.Unknown;
        }

        if (!System.Text.Ascii.IsValid(first))
        {
            return DescriptorKind.Unknown;
        }

        // Sanitised bridge descriptors lost their signature and carry router-digest instead.
        bool bridge = bridgePurpose || content.IndexOf("\nrouter-digest "u8) >= 0;
        if (first.StartsWith("router "u8))
        {
            return bridge ? DescriptorKind.BridgeServerDescriptor : DescriptorKind.ServerDescriptor;
        }

        if (first.StartsWith("extra-info "u8))
        {
            return bridge ? DescriptorKind.BridgeExtraInfo : DescriptorKind.ExtraInfo;
        }

        if (Keyword(first).SequenceEqual("onion-key"u8))
        {
            return DescriptorKind.Microdescriptor;
        }

        if (first.StartsWith("network-status-version 3"u8))
        {
            if (first.EndsWith("microdesc"u8))
            {
                return DescriptorKind.NetworkStatusMicrodescConsensus;
            }

            return second.StartsWith("vote-status vote"u8) ? DescriptorKind.NetworkStatusVote : DescriptorKind.NetworkStatusConsensus;
        }

        if (first.StartsWith("network-status-version 2"u8))
        {
            return DescriptorKind.NetworkStatus2;
        }

        if (first.StartsWith("dir-key-certificate-version"u8))
        {
            return DescriptorKind.DirKeyCertificate;
        }

        if (first.StartsWith("consensus-digest "u8))
        {
            return DescriptorKind.DetachedSignature;
        }

        if (first.StartsWith("published "u8))
        {
            return DescriptorKind.BridgeNetworkStatus;
        }

        if (first.StartsWith("Downloaded "u8) || first.StartsWith("ExitNode "u8))
        {
            return DescriptorKind.TorDnsEl;
        }

        if (first.StartsWith("bridge-pool-assignment "u8))
        {
            return DescriptorKind.BridgePoolAssignment;
        }

        if (first.StartsWith("snowflake-stats-end "u8))
        {
            return DescriptorKind.SnowflakeStats;
        }

        if (first.StartsWith("bridgedb-metrics-end "u8))
        {
            return DescriptorKind.BridgedbMetrics;
        }

        // OnionPerf analysis JSON carries no @type line; a decompressed copy may also have lost its name.
        if (first[0] == (byte)'{' && content.IndexOf("\"onionperf\""u8) >= 0)
        {
            return DescriptorKind.OnionPerfAnalysis;
        }

        // Bandwidth files start with a bare Unix timestamp (bandwidth-file-spec §2.1).
        if (first.Length is >= 9 and <= 11 && DescriptorText.TryParseInt64(first, out long ts) && ts > 0)
        {
            return DescriptorKind.BandwidthFile;
        }

        if (first.IndexOf("DATACOMPLETE="u8) >= 0 || (first.StartsWith("BUILDTIMES="u8) || first.StartsWith("SOURCE="u8)))
        {
            return DescriptorKind.Torperf;
        }

        return DescriptorKind.Unknown;
    }

    private static ReadOnlySpan<byte> Keyword(ReadOnlySpan<byte> line)
    {
        int i = line.IndexOfAny((byte)' ', (byte)'\t');
        return i < 0 ? line : line[..i];
    }

    // Relay and bridge variants of a format are one family: the annotation is more specific
    // than sniffing, so only a different family counts as a contradiction.
    private static int Family(DescriptorKind kind) => kind switch
    {
        DescriptorKind.ServerDescriptor or DescriptorKind.BridgeServerDescriptor => 1,
        DescriptorKind.ExtraInfo or DescriptorKind.BridgeExtraInfo => 2,
        _ => 100 + (int)kind,
    };
}
