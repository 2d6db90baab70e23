using System.Text;

namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// Per-document cache from ASCII bytes to a value built once per distinct text. A consensus
/// repeats the same flag lines, versions, protocol lists and policy summaries thousands of times;
/// pooling them avoids one allocation (and one parse) per router entry.
/// </summary>
/// <typeparam name="T">The cached value (a string, or something parsed from it).</typeparam>
public sealed class TextPool<T>
{
    private const int MaxKeyChars = 512;
    private const int MaxEntries = 4096;

    private readonly Dictionary<string, T> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Func<string, T> _create;

    public TextPool(Func<string, T> create)
    {
        _create = create;
        _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public T Get(ReadOnlySpan<byte> text)
    {
        if (text.Length > MaxKeyChars || !Ascii.IsValid(text))
        {
            return _create(DescriptorText.Text(text));
        }

        Span<char> chars = stackalloc char[text.Length];
        Ascii.ToUtf16(text, chars, out _);
        if (_lookup.TryGetValue(chars, out var value))
        {
            return value;
        }

        string key = new(chars);
        value = _create(key);

        // Garbage input with unique lines must not grow the pool without bound.
        if (_values.Count < MaxEntries)
        {
            _values[key] = value;
        }

        return value;
    }
}
