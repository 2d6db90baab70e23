namespace TorMetrics.Domain.Import;

/// <summary>
/// The running counts of one import, added to by several writers. Batches finish out of order; the files reported
/// done are those of the batches finished without a gap, so the figure never runs ahead of what is stored.
/// </summary>
internal sealed class ImportTotals
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, int> _finishedAhead = [];
    private long _nextSequence;

    public int UnitsDone { get; private set; }

    public int FilesImported { get; private set; }

    public int FilesSkipped { get; private set; }

    public long New { get; private set; }

    public long Duplicate { get; private set; }

    public long Unparseable { get; private set; }

    public long BytesRead { get; private set; }

    /// <summary>
    /// Adds a stored batch and reports the new totals, under the lock, so that reports arrive one at a time and in
    /// order (a console line, a job's progress).
    /// </summary>
    public void Add(ImportBatch batch, BatchOutcome outcome, int unitsTotal, long bytesTotal, TimeSpan elapsed, IProgress<ImportProgress>? progress)
    {
        lock (_lock)
        {
            FilesImported += outcome.FilesImported;
            FilesSkipped += outcome.FilesSkipped;
            New += outcome.New;
            Duplicate += outcome.Duplicate;
            Unparseable += outcome.Unparseable;
            BytesRead += batch.Sources.Sum(s => s.Source.CompressedSize);
            _finishedAhead[batch.Sequence] = batch.UnitsDone;
            while (_finishedAhead.Remove(_nextSequence, out var unitsDone))
            {
                UnitsDone = unitsDone;
                _nextSequence++;
            }

            progress?.Report(new ImportProgress(UnitsDone, unitsTotal, BytesRead, bytesTotal, New, Duplicate, Unparseable, elapsed,
                batch.Sources[^1].Source.Location));
        }
    }
}
