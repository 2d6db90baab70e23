namespace TorMetrics.Domain.CollecTor.Publishing;

/// <summary>How far a publication run or an archive build is: <see cref="Done"/> of <see cref="Total"/> in a stage.</summary>
/// <param name="Stage">e.g. "placing documents", "recent files", or the tarball being built.</param>
/// <param name="Done">Units done in this stage (documents, files).</param>
/// <param name="Total">Units expected in this stage; an estimate while placing.</param>
/// <param name="Elapsed">Time since the run or build started.</param>
public sealed record PublicationProgress(string Stage, long Done, long Total, TimeSpan Elapsed);
