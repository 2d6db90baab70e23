namespace TorMetrics.Domain.Onionoo;

/// <summary>
/// A tor version as Onionoo compares them: up to four numeric components before the first '-', then an optional
/// status tag. Fewer components sort first on an equal prefix; an untagged version sorts before a tagged one.
/// </summary>
public sealed class TorVersion : IComparable<TorVersion>
{
    private readonly int[] _components;

    private TorVersion(int[] components, string? tag)
    {
        _components = components;
        Tag = tag;
    }

    public IReadOnlyList<int> Components => _components;

    public string? Tag { get; }

    /// <summary>
    /// Parses "0.4.8.10", "0.4.9.1-alpha", "0.2.3." (a trailing empty component is allowed); a leading or inner empty
    /// component, or a non-numeric one, fails. Components after the fourth are ignored.
    /// </summary>
    public static TorVersion? TryParse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        int dash = text.IndexOf('-', StringComparison.Ordinal);
        var numbers = dash < 0 ? text : text[..dash];
        string? tag = null;
        if (dash >= 0)
        {
            var rest = text[(dash + 1)..];
            int space = rest.IndexOf(' ', StringComparison.Ordinal);
            tag = space < 0 ? rest : rest[..space];
        }

        var parts = numbers.Split('.');
        var count = parts[^1].Length == 0 ? parts.Length - 1 : parts.Length;
        if (count == 0)
        {
            return null;
        }

        var components = new int[Math.Min(count, 4)];
        for (int i = 0; i < count; i++)
        {
            if (parts[i].Length == 0 || parts[i].Length > 9 || !parts[i].All(char.IsAsciiDigit))
            {
                return null;
            }

            if (i < 4)
            {
                components[i] = int.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return new TorVersion(components, tag);
    }

    public int CompareTo(TorVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        for (int i = 0; i < Math.Min(_components.Length, other._components.Length); i++)
        {
            int c = _components[i].CompareTo(other._components[i]);
            if (c != 0)
            {
                return c;
            }
        }

        int byLength = _components.Length.CompareTo(other._components.Length);
        if (byLength != 0)
        {
            return byLength;
        }

        return (Tag, other.Tag) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            _ => string.CompareOrdinal(Tag, other.Tag),
        };
    }

    /// <summary>
    /// True when every component present in both is equal and, if both have tags, the tags are equal:
    /// "0.2.3" prefix-matches "0.2.3.25", "0.2.3.2" does not.
    /// </summary>
    public bool IsPrefixOf(TorVersion other)
    {
        for (int i = 0; i < Math.Min(_components.Length, other._components.Length); i++)
        {
            if (_components[i] != other._components[i])
            {
                return false;
            }
        }

        return Tag is null || other.Tag is null || string.Equals(Tag, other.Tag, StringComparison.Ordinal);
    }

    /// <summary>True when the first three components are equal (the same release series).</summary>
    public bool IsSameSeries(TorVersion other) =>
        _components.Length >= 3 && other._components.Length >= 3
        && _components[0] == other._components[0] && _components[1] == other._components[1] && _components[2] == other._components[2];

    public override string ToString() =>
        string.Join('.', _components.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        + (Tag is null ? "" : "-" + Tag);
}
