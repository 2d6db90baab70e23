using System.Globalization;

namespace TorMetrics.Web.Api.DirectoryProtocol;

/// <summary>
/// The argument of a directory URL (dir-spec §4.3, §5.2): digests joined by <c>+</c> (hex) or <c>-</c> (base64,
/// whose alphabet has <c>+</c>), optionally ending in <c>.z</c> for a zlib-compressed answer.
/// </summary>
internal sealed record DirectoryRequest(IReadOnlyList<byte[]> Digests, bool Compressed)
{
    /// <summary>More than a directory cache ever gets asked for at once (tor batches 96 server descriptors, 92 microdescriptors).</summary>
    public const int MaxDigests = 1024;

    public static (string Argument, bool Compressed) SplitCompression(string argument) =>
        argument.EndsWith(".z", StringComparison.Ordinal) ? (argument[..^2], true) : (argument, false);

    /// <summary>Hex digests of <paramref name="bytes"/> bytes joined by <paramref name="separator"/>, any case.</summary>
    public static bool TryParseHex(string argument, char separator, int bytes, out DirectoryRequest request, out string error)
    {
        var (list, compressed) = SplitCompression(argument);
        var digests = new List<byte[]>();
        request = new DirectoryRequest(digests, compressed);
        foreach (var item in list.Split(separator))
        {
            if (item.Length != bytes * 2 || !item.All(char.IsAsciiHexDigit))
            {
                error = string.Create(CultureInfo.InvariantCulture,
                    $"'{Shorten(item)}' is not a digest: expected {bytes * 2} hex characters, joined by '{separator}'.");
                return false;
            }

            digests.Add(Convert.FromHexString(item));
        }

        return WithinLimit(digests, out error);
    }

    /// <summary>Unpadded base64 SHA-256 digests (43 characters each) joined by <c>-</c>.</summary>
    public static bool TryParseBase64(string argument, out DirectoryRequest request, out string error)
    {
        var (list, compressed) = SplitCompression(argument.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase));
        var digests = new List<byte[]>();
        request = new DirectoryRequest(digests, compressed);
        foreach (var item in list.Split('-'))
        {
            var bytes = new byte[33];
            if (item.Length != 43 || !Convert.TryFromBase64String(item + "=", bytes, out var written) || written != 32)
            {
                error = $"'{Shorten(item)}' is not a digest: expected 43 characters of unpadded base64, joined by '-'.";
                return false;
            }

            digests.Add(bytes[..32]);
        }

        return WithinLimit(digests, out error);
    }

    private static bool WithinLimit(List<byte[]> digests, out string error)
    {
        error = digests.Count > MaxDigests
            ? string.Create(CultureInfo.InvariantCulture, $"At most {MaxDigests} digests per request; this one has {digests.Count}.")
            : "";
        return digests.Count <= MaxDigests;
    }

    private static string Shorten(string item) => item.Length > 80 ? item[..80] + "..." : item;
}
