using System.Globalization;

namespace TorMetrics.Domain.Descriptors;

/// <summary>A parsed <c>@type name major.minor</c> line.</summary>
/// <param name="Name">The type name as written, e.g. <c>server-descriptor</c>.</param>
/// <param name="Major">Major version; a higher major than we support is a format break.</param>
/// <param name="Minor">Minor version; informational only (CollecTor fixtures carry 1.17).</param>
/// <param name="Kind">The kind the name maps to, <see cref="DescriptorKind.Unknown"/> if unknown.</param>
public sealed record DescriptorTypeAnnotation(string Name, int Major, int Minor, DescriptorKind Kind)
{
    /// <summary>Parses the text after <c>@type </c>; returns null when it is not <c>name N.N</c>.</summary>
    public static DescriptorTypeAnnotation? TryParse(ReadOnlySpan<byte> arguments)
    {
        var tokens = new ArgumentTokenizer(arguments);
        if (!tokens.TryNext(out var name) || !tokens.TryNext(out var version))
        {
            return null;
        }

        int dot = version.IndexOf((byte)'.');
        if (dot <= 0
            || !int.TryParse(version[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out int major)
            || !int.TryParse(version[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int minor))
        {
            return null;
        }

        string nameText = DescriptorText.Ascii(name);
        return new DescriptorTypeAnnotation(nameText, major, minor, DescriptorKindNames.FromTypeName(nameText));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"@type {Name} {Major}.{Minor}");
}
