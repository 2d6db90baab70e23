using System.Security.Cryptography;

namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// The exact bytes of one document inside a file, without its annotation lines
/// (<c>@type</c>, <c>@last-listed</c>...), which are not part of any digest (collector.md §1.2)
/// and are kept separately. Store <see cref="Bytes"/> content-addressed by <see cref="ComputeSha256"/>.
/// </summary>
public sealed class RawDocument
{
    public RawDocument(
        ReadOnlyMemory<byte> bytes,
        int offset,
        int lineNumber,
        IReadOnlyList<string> annotations,
        DescriptorTypeAnnotation? typeAnnotation,
        string? fileName)
    {
        Bytes = bytes;
        Offset = offset;
        LineNumber = lineNumber;
        Annotations = annotations;
        TypeAnnotation = typeAnnotation;
        FileName = fileName;
    }

    /// <summary>From the first byte of the first keyword line through the LF of the last item.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>Offset of <see cref="Bytes"/> in the file.</summary>
    public int Offset { get; }

    public int Length => Bytes.Length;

    /// <summary>1-based line number of the document's first keyword line in the file.</summary>
    public int LineNumber { get; }

    /// <summary>The annotation lines that preceded the document, verbatim.</summary>
    public IReadOnlyList<string> Annotations { get; }

    public DescriptorTypeAnnotation? TypeAnnotation { get; }

    /// <summary>The file name the caller gave, if any (bridge statuses name their authority there).</summary>
    public string? FileName { get; }

    /// <summary>
    /// CRLF line endings mean the file went through a text-mode tool: fields still parse, but
    /// digests over these bytes no longer match what tor signed (collector.md §2.1).
    /// </summary>
    public bool HasCrLfLineEndings => Bytes.Span.IndexOf("\r\n"u8) >= 0;

    /// <summary>SHA-256 of <see cref="Bytes"/>: the storage key, not a tor digest.</summary>
    public byte[] ComputeSha256() => SHA256.HashData(Bytes.Span);
}
