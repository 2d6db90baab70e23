namespace TorMetrics.Domain.Synthetic.Writing;

/// <summary>A relay's or bridge's newest published server descriptor: its digests and what it said.</summary>
public sealed record PublishedDescriptor(byte[] Sha1, byte[] ExtraInfoSha1, RelayState State);
