namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// Counts keyword occurrences in one document and checks the spec's multiplicities
/// ("exactly once", "at most once"), as dir-spec tags every item.
/// </summary>
public sealed class KeywordCounts
{
    private readonly Dictionary<string, (int Count, int FirstLine)> _counts = new(StringComparer.Ordinal);

    public void Add(string keyword, int lineNumber)
    {
        ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, keyword, out bool exists);
        entry = exists ? (entry.Count + 1, entry.FirstLine) : (1, lineNumber);
    }

    public int Count(string keyword) => _counts.TryGetValue(keyword, out var e) ? e.Count : 0;

    public void RequireExactlyOnce(int documentLine, params ReadOnlySpan<string> keywords)
    {
        foreach (string k in keywords)
        {
            int n = Count(k);
            if (n != 1)
            {
                throw new DescriptorParseException(
                    n == 0 ? $"missing '{k}'" : $"'{k}' appears {n} times, expected exactly once",
                    n == 0 ? documentLine : _counts[k].FirstLine,
                    k);
            }
        }
    }

    public void RequireAtMostOnce(params ReadOnlySpan<string> keywords)
    {
        foreach (string k in keywords)
        {
            if (_counts.TryGetValue(k, out var e) && e.Count > 1)
            {
                throw new DescriptorParseException($"'{k}' appears {e.Count} times, expected at most once", e.FirstLine, k);
            }
        }
    }

    public void RequireAtLeastOnce(int documentLine, params ReadOnlySpan<string> keywords)
    {
        foreach (string k in keywords)
        {
            if (Count(k) == 0)
            {
                throw new DescriptorParseException($"missing '{k}'", documentLine, k);
            }
        }
    }
}
