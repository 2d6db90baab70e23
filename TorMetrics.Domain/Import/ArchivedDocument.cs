using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Domain.Import;

/// <summary>
/// A document ready for the archive: parsed (or not), hashed, with its position in the source file.
/// <see cref="Content"/> is a slice of the source file's bytes, never a copy.
/// </summary>
internal sealed record ArchivedDocument(
    Descriptor Descriptor, byte[] Sha256, ReadOnlyMemory<byte> Content, DocumentFacts Facts, string? Annotations, int Position);
