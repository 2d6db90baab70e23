using TorMetrics.Domain.Descriptors.KeyCertificates;

namespace TorMetrics.Domain.DirectoryProtocol;

/// <summary>
/// Which key certificates a <c>/tor/keys/</c> request names (dir-spec §4.3, §5.2): all of them, the newest per
/// authority identity (<c>fp/</c>), those with a signing key digest (<c>sk/</c>), or exact identity and signing key
/// pairs (<c>fp-sk/</c>). Fingerprints are upper-case hex; results are storage keys in request order, once each.
/// </summary>
public static class KeyCertificateSelector
{
    public static IReadOnlyList<byte[]> All(IReadOnlyList<(byte[] Sha256, DirKeyCertificate Certificate)> certificates) =>
        certificates
            .OrderBy(c => c.Certificate.Fingerprint, StringComparer.Ordinal)
            .ThenBy(c => c.Certificate.Published)
            .Select(c => c.Sha256)
            .ToList();

    public static IReadOnlyList<byte[]> NewestFor(
        IReadOnlyList<(byte[] Sha256, DirKeyCertificate Certificate)> certificates, IEnumerable<string> fingerprints) =>
        Select(fingerprints, fp => Newest(certificates.Where(c => string.Equals(c.Certificate.Fingerprint, fp, StringComparison.Ordinal))));

    public static IReadOnlyList<byte[]> WithSigningKeys(
        IReadOnlyList<(byte[] Sha256, DirKeyCertificate Certificate)> certificates, IEnumerable<string> signingKeyDigests) =>
        Select(signingKeyDigests, sk => Newest(certificates.Where(c => string.Equals(c.Certificate.SigningKeyDigest, sk, StringComparison.Ordinal))));

    public static IReadOnlyList<byte[]> WithPairs(
        IReadOnlyList<(byte[] Sha256, DirKeyCertificate Certificate)> certificates, IEnumerable<(string Fingerprint, string SigningKeyDigest)> pairs) =>
        Select(pairs, pair => Newest(certificates.Where(c =>
            string.Equals(c.Certificate.Fingerprint, pair.Fingerprint, StringComparison.Ordinal)
            && string.Equals(c.Certificate.SigningKeyDigest, pair.SigningKeyDigest, StringComparison.Ordinal))));

    private static byte[]? Newest(IEnumerable<(byte[] Sha256, DirKeyCertificate Certificate)> matches) =>
        matches.OrderByDescending(c => c.Certificate.Published).Select(c => c.Sha256).FirstOrDefault();

    private static List<byte[]> Select<T>(IEnumerable<T> requested, Func<T, byte[]?> find)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<byte[]>();
        foreach (var item in requested)
        {
            if (find(item) is { } sha256 && seen.Add(Convert.ToHexString(sha256)))
            {
                found.Add(sha256);
            }
        }

        return found;
    }
}
