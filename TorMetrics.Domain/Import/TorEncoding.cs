namespace TorMetrics.Domain.Import;

/// <summary>Tor writes digests as unpadded base64 in status documents and as hex elsewhere; we store bytes.</summary>
public static class TorEncoding
{
    public static byte[]? FromHex(string? hex) => string.IsNullOrEmpty(hex) ? null : Convert.FromHexString(hex);

    public static byte[]? FromUnpaddedBase64(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        var padding = (4 - base64.Length % 4) % 4;
        return Convert.FromBase64String(base64 + new string('=', padding));
    }
}
