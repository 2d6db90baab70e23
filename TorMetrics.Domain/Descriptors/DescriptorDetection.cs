namespace TorMetrics.Domain.Descriptors;

/// <summary>What <see cref="DescriptorTypeDetector"/> concluded, and from what.</summary>
/// <param name="Kind">The detected kind, <see cref="DescriptorKind.Unknown"/> when nothing matched.</param>
/// <param name="TypeAnnotation">The file's first <c>@type</c> line, if it had one.</param>
/// <param name="Reason">How the kind was found, or why it could not be.</param>
public sealed record DescriptorDetection(DescriptorKind Kind, DescriptorTypeAnnotation? TypeAnnotation, string Reason);
