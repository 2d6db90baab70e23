namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// A document that could not be parsed. It still carries its raw bytes so it can be stored,
/// counted and re-parsed by a later parser version; one bad document never stops a file.
/// </summary>
public sealed record UnparseableDescriptor : Descriptor
{
    /// <summary>Why parsing failed, e.g. "missing 'published'".</summary>
    public required string Reason { get; init; }

    /// <summary>1-based line in the file where the problem was found.</summary>
    public required int LineNumber { get; init; }

    /// <summary>The keyword of the failing item, if the failure is tied to one.</summary>
    public string? Keyword { get; init; }
}
