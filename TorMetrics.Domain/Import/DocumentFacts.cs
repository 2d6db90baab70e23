using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.BandwidthFiles;
using TorMetrics.Domain.Descriptors.BridgeNetworkStatuses;
using TorMetrics.Domain.Descriptors.BridgePoolAssignments;
using TorMetrics.Domain.Descriptors.DetachedSignatures;
using TorMetrics.Domain.Descriptors.ExtraInfos;
using TorMetrics.Domain.Descriptors.KeyCertificates;
using TorMetrics.Domain.Descriptors.Microdescriptors;
using TorMetrics.Domain.Descriptors.NetworkStatuses;
using TorMetrics.Domain.Descriptors.ServerDescriptors;

namespace TorMetrics.Domain.Import;

/// <summary>What the archive indexes about any document: the digests tor references it by, and its time.</summary>
public readonly record struct DocumentFacts(byte[]? DigestSha1, byte[]? DigestSha256, DateTime? Published)
{
    public static DocumentFacts Of(Descriptor descriptor, byte[] documentSha256) => descriptor switch
    {
        ServerDescriptor d => new(Hex(d.DigestSha1Hex), null, d.Published),
        ExtraInfoDescriptor d => new(Hex(d.DigestSha1Hex), null, d.Published),
        // A microdescriptor's digest is the SHA-256 of exactly the bytes we store (annotations excluded).
        Microdescriptor => new(null, documentSha256, null),
        NetworkStatus d => new(Hex(d.DigestSha1Hex), Hex(d.DigestSha256Hex), d.ValidAfter),
        BridgeNetworkStatus d => new(null, null, d.Published),
        DirKeyCertificate d => new(Hex(d.DigestSha1Hex), null, d.Published),
        DetachedSignature d => new(null, null, d.ValidAfter),
        BandwidthFile d => new(null, documentSha256, d.Timestamp),
        BridgePoolAssignment d => new(null, null, d.Published),
        _ => default,
    };

    private static byte[]? Hex(string? hex) => string.IsNullOrEmpty(hex) ? null : Convert.FromHexString(hex);
}
