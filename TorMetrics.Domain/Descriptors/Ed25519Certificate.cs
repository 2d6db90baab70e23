namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// Reads the master (identity) key out of a tor ed25519 certificate (cert-spec §2.1): descriptors
/// from tor 0.2.7 carry <c>identity-ed25519</c> before <c>master-key-ed25519</c> existed.
/// </summary>
public static class Ed25519Certificate
{
    private const byte SignedWithKeyExtension = 4;

    /// <summary>The base64 (unpadded) key in the "signed-with-ed25519-key" extension, or null.</summary>
    public static string? TryGetSigningKey(ReadOnlySpan<byte> cert)
    {
        // VERSION(1) CERT_TYPE(1) EXPIRATION(4) KEY_TYPE(1) CERTIFIED_KEY(32) N_EXTENSIONS(1)
        const int HeaderLength = 40;
        if (cert.Length < HeaderLength || cert[0] != 1)
        {
            return null;
        }

        int count = cert[39];
        int pos = HeaderLength;
        for (int i = 0; i < count; i++)
        {
            if (pos + 4 > cert.Length)
            {
                return null;
            }

            int length = (cert[pos] << 8) | cert[pos + 1];
            byte type = cert[pos + 2];
            pos += 4;
            if (pos + length > cert.Length)
            {
                return null;
            }

            if (type == SignedWithKeyExtension && length == 32)
            {
                return DescriptorText.ToBase64Unpadded(cert.Slice(pos, 32));
            }

            pos += length;
        }

        return null;
    }
}
