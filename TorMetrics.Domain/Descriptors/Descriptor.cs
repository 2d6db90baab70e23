namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// Base of everything <see cref="DescriptorFileParser"/> returns: a parsed record of one
/// type, or an <see cref="UnparseableDescriptor"/>. Both expose the kind and the exact raw bytes.
/// </summary>
public abstract record Descriptor
{
    public required DescriptorKind Kind { get; init; }

    public required RawDocument Raw { get; init; }
}
