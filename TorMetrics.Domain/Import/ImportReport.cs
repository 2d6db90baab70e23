namespace TorMetrics.Domain.Import;

public sealed record ImportReport(
    long ImportRunId,
    int FilesImported,
    int FilesSkipped,
    long DocumentsNew,
    long DocumentsDuplicate,
    long DocumentsUnparseable,
    long BytesRead,
    TimeSpan Duration);
