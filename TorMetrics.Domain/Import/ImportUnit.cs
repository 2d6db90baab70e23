namespace TorMetrics.Domain.Import;

/// <summary>
/// One input of an import (a file, or a download), named by <see cref="Location"/>, opened lazily into the source
/// files it contains. <see cref="Size"/> is what progress figures count, as read from disk or the network.
/// </summary>
public sealed record ImportUnit(string Location, long Size, Func<CancellationToken, Task<IEnumerable<SourceFile>>> OpenAsync);
