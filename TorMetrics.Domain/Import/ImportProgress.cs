namespace TorMetrics.Domain.Import;

/// <summary>A snapshot of a running import, reported after every stored batch of source files.</summary>
public sealed record ImportProgress(
    int FilesDone,
    int FilesTotal,
    long BytesRead,
    long BytesTotal,
    long DocumentsNew,
    long DocumentsDuplicate,
    long DocumentsUnparseable,
    TimeSpan Elapsed,
    string CurrentLocation)
{
    public long Documents => DocumentsNew + DocumentsDuplicate;

    public double DocumentsPerSecond => Elapsed.TotalSeconds > 0 ? Documents / Elapsed.TotalSeconds : 0;

    public double MegabytesPerSecond => Elapsed.TotalSeconds > 0 ? BytesRead / 1e6 / Elapsed.TotalSeconds : 0;
}
