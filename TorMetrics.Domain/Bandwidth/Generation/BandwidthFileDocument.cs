namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>A bandwidth file ready to write: its text, relay lines and header figures.</summary>
public sealed record BandwidthFileDocument(string Text, IReadOnlyList<BandwidthFileLine> Lines, BandwidthFileFigures Figures);
