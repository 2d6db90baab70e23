namespace TorMetrics.Domain.CollecTor.Publishing;

/// <summary>What a publication run did.</summary>
/// <param name="RunId">collector_runs.id; its start time names the run's recent files.</param>
/// <param name="DocumentsPlaced">Documents given their archive and recent places.</param>
/// <param name="RecentFilesWritten">recent/ files listed anew or changed.</param>
/// <param name="RecentFilesRemoved">recent/ files whose documents all left the window.</param>
/// <param name="Duration">Wall-clock time of the run.</param>
public sealed record PublicationReport(long RunId, long DocumentsPlaced, int RecentFilesWritten, int RecentFilesRemoved, TimeSpan Duration);

/// <summary>What an archive build did.</summary>
/// <param name="TarballsBuilt">Tarballs (re)built because they gained documents or were never built.</param>
/// <param name="Documents">Documents written into them (a microdescriptor counts once per month it is in).</param>
/// <param name="Bytes">Size of the built tarballs.</param>
/// <param name="Duration">Wall-clock time of the build.</param>
public sealed record ArchiveBuildReport(int TarballsBuilt, long Documents, long Bytes, TimeSpan Duration);
