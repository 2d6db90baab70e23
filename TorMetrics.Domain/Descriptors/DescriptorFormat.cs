namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// How documents of one kind are delimited inside a file, and which parser reads them.
/// </summary>
/// <param name="Kind">The kind described.</param>
/// <param name="StartKeyword">
/// The keyword that opens each document in files holding many (<c>router</c>, <c>onion-key</c>...);
/// null when a file holds one document (consensus, vote...). Annotation lines also start a new document
/// in multi-document files, and a <c>@type</c> line always does.
/// </param>
/// <param name="Parse">The parser, or null while no parser exists for the kind.</param>
/// <param name="LinePerDocument">
/// Every non-blank line is its own document, whatever its first word: torperf result files
/// (<c>.tpf</c>) as OnionPerf writes them, before CollecTor puts an <c>@type</c> line above each result.
/// </param>
public sealed record DescriptorFormat(
    DescriptorKind Kind, string? StartKeyword, Func<RawDocument, DescriptorKind, Descriptor>? Parse, bool LinePerDocument = false);
