namespace TorMetrics.Domain.Import;

/// <summary>
/// Source files written in one transaction: a file's documents and its completion mark commit together, and many
/// small files share one set of statements (CollecTor's archive tarballs hold one descriptor per file).
/// </summary>
/// <param name="Sequence">The batch's place in the import, from 0.</param>
/// <param name="Sources">The batch's source files, in import order.</param>
/// <param name="UnitsDone">How many of the import's units are complete once this batch and every earlier one are stored.</param>
internal sealed record ImportBatch(long Sequence, IReadOnlyList<PreparedSource> Sources, int UnitsDone);

/// <summary>A source file with its SHA-256; <see cref="Documents"/> is null when an earlier import stored it.</summary>
internal sealed record PreparedSource(SourceFile Source, byte[] Sha256, List<ArchivedDocument>? Documents);
