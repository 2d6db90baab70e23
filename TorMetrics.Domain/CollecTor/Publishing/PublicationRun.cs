namespace TorMetrics.Domain.CollecTor.Publishing;

/// <summary>
/// One publication run: it places the documents first seen from <see cref="From"/> until it started.
/// <see cref="RecentStart"/> is the start of the recent window; documents first seen before it only go to archive/.
/// </summary>
internal sealed record PublicationRun(long Id, DateTime Start, DateTime From, DateTime RecentStart);
