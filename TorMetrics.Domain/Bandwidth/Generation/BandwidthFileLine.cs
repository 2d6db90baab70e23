namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>One relay line as written, with the values the relay history page needs.</summary>
public sealed record BandwidthFileLine(byte[] Fingerprint, long Bw, bool Vote, bool UnderMinReport, bool Unmeasured, string Text);
