namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// Entry point: turns one file's bytes into one <see cref="Descriptor"/> per document, each
/// either a parsed record or an <see cref="UnparseableDescriptor"/>. No I/O: callers read and
/// decompress the file. Documents are parsed lazily, in file order.
/// </summary>
public static class DescriptorFileParser
{
    /// <summary>Detects the kind from the content (or the file name) and parses every document.</summary>
    public static IEnumerable<Descriptor> Parse(ReadOnlyMemory<byte> content, string? fileName = null) =>
        Parse(content, DescriptorTypeDetector.Detect(content.Span, fileName), fileName);

    /// <summary>Parses with a kind the caller already knows (e.g. from the directory the file came from).</summary>
    public static IEnumerable<Descriptor> Parse(ReadOnlyMemory<byte> content, DescriptorKind kind, string? fileName = null)
    {
        var detected = DescriptorTypeDetector.Detect(content.Span, fileName);
        return Parse(content, detected with { Kind = kind, Reason = "given by caller" }, fileName);
    }

    private static IEnumerable<Descriptor> Parse(ReadOnlyMemory<byte> content, DescriptorDetection detection, string? fileName)
    {
        foreach (var (document, kind) in DocumentSplitter.Split(content, detection, fileName))
        {
            yield return ParseDocument(document, kind, detection);
        }
    }

    /// <summary>Parses one already-delimited document; never throws for bad input.</summary>
    public static Descriptor ParseDocument(RawDocument document, DescriptorKind kind, DescriptorDetection? detection = null)
    {
        if (kind == DescriptorKind.Unknown)
        {
            string reason = document.TypeAnnotation is { Kind: DescriptorKind.Unknown } t
                ? $"unsupported type '{t.Name}'"
                : detection?.Reason ?? "unknown descriptor type";
            return Unparseable(document, kind, reason, document.LineNumber);
        }

        // Same name and major version: parse whatever the minor; a higher major is a format break.
        if (document.TypeAnnotation is { } annotation && annotation.Kind == kind && annotation.Major != 1)
        {
            return Unparseable(document, kind, $"unsupported major version {annotation.Major} of {annotation.Name}", document.LineNumber);
        }

        if (document.Length == 0)
        {
            return Unparseable(document, kind, "annotations without a document", document.LineNumber);
        }

        var format = DescriptorFormats.Get(kind);
        if (format.Parse is null)
        {
            return Unparseable(document, kind, $"no parser for {DescriptorKindNames.ToTypeName(kind)} yet", document.LineNumber);
        }

        try
        {
            return format.Parse(document, kind);
        }
        catch (DescriptorParseException ex)
        {
            return Unparseable(document, kind, ex.Message, ex.LineNumber > 0 ? ex.LineNumber : document.LineNumber, ex.Keyword);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or InsufficientExecutionStackException))
        {
            // A parser bug on odd input must cost one document, not the whole import; the
            // exception type in the reason keeps such bugs visible.
            return Unparseable(document, kind, $"{ex.GetType().Name}: {ex.Message}", document.LineNumber);
        }
    }

    private static UnparseableDescriptor Unparseable(RawDocument document, DescriptorKind kind, string reason, int lineNumber, string? keyword = null) =>
        new()
        {
            Kind = kind,
            Raw = document,
            Reason = reason,
            LineNumber = lineNumber,
            Keyword = keyword,
        };
}
