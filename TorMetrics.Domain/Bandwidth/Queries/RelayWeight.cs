namespace TorMetrics.Domain.Bandwidth.Queries;

/// <summary>The weight one generated file gave a relay (KB/s), and whether authorities may vote it.</summary>
public sealed record RelayWeight(DateTime FileCreated, string ScannerId, long Bw, bool Vote, bool UnderMinReport, bool Unmeasured);
