namespace TorMetrics.Domain.Synthetic.Writing;

/// <summary>A written document's bytes (without annotation) and the digests tor references it by.</summary>
public sealed record SignedDocument(byte[] Bytes, byte[] Sha1, byte[] Sha256);
