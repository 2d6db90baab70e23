using System.Text;

namespace TorMetrics.Domain.Synthetic;

/// <summary>
/// Keys, certificates and signatures that are syntactically what tor writes but sign nothing: random RSA moduli in a
/// PKCS#1 structure (so a fingerprint is still SHA-1 of the DER key), tor's ed25519 certificate layout around random
/// keys, and random signature blocks of the right length. Real key generation for 9,000 relays would take minutes.
/// </summary>
public static class FakeKeys
{
    /// <summary>A 1024-bit RSAPublicKey (PKCS#1 DER) with a random odd modulus and exponent 65537.</summary>
    public static byte[] RsaPublicKey(ref SyntheticRandom random)
    {
        var der = new byte[140];
        ReadOnlySpan<byte> head = [0x30, 0x81, 0x89, 0x02, 0x81, 0x81, 0x00];
        head.CopyTo(der);
        random.NextBytes(der.AsSpan(7, 128));
        der[7] |= 0x80;
        der[134] |= 0x01;
        ReadOnlySpan<byte> exponent = [0x02, 0x03, 0x01, 0x00, 0x01];
        exponent.CopyTo(der.AsSpan(135));
        return der;
    }

    /// <summary>
    /// A tor ed25519 certificate (cert-spec §2.1): version 1, the given type, expiry in hours, the certified key and,
    /// when <paramref name="signedWith"/> is set, the signed-with-ed25519-key extension (type 4) naming it; then a
    /// 64-byte signature.
    /// </summary>
    public static byte[] Ed25519Certificate(byte type, DateTime expires, ReadOnlySpan<byte> certifiedKey, ReadOnlySpan<byte> signedWith, ref SyntheticRandom random)
    {
        int extensions = signedWith.IsEmpty ? 0 : 1;
        var cert = new byte[40 + (extensions * 36) + 64];
        cert[0] = 1;
        cert[1] = type;
        var hours = (uint)((expires - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerHour);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(cert.AsSpan(2), hours);
        cert[6] = 1;
        certifiedKey.CopyTo(cert.AsSpan(7, 32));
        cert[39] = (byte)extensions;
        if (extensions == 1)
        {
            cert[40] = 0;
            cert[41] = 32;
            cert[42] = 4;
            cert[43] = 1;
            signedWith.CopyTo(cert.AsSpan(44, 32));
        }

        random.NextBytes(cert.AsSpan(cert.Length - 64));
        return cert;
    }

    /// <summary>An object block: BEGIN line, base64 in 64-character lines, END line.</summary>
    public static void AppendObject(StringBuilder text, string tag, ReadOnlySpan<byte> content)
    {
        text.Append("-----BEGIN ").Append(tag).Append("-----\n");
        var base64 = Convert.ToBase64String(content);
        for (int i = 0; i < base64.Length; i += 64)
        {
            text.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
        }

        text.Append("-----END ").Append(tag).Append("-----\n");
    }

    /// <summary>A random signature object of <paramref name="length"/> bytes.</summary>
    public static void AppendSignature(StringBuilder text, int length, ref SyntheticRandom random)
    {
        Span<byte> signature = stackalloc byte[length];
        random.NextBytes(signature);
        AppendObject(text, "SIGNATURE", signature);
    }

    public static string Base64Unpadded(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');
}
