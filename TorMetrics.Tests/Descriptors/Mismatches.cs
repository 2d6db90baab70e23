using System.Text.Json;

namespace TorMetrics.Tests.Descriptors;

/// <summary>Collects field differences so one failing test lists all of them, not just the first.</summary>
internal sealed class Mismatches
{
    private readonly List<string> _items = [];

    public int Compared { get; private set; }

    public void Equal<T>(T? expected, T? actual, string where)
    {
        Compared++;
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            _items.Add($"{where}: stem={expected} ours={actual}");
        }
    }

    public void SameSet(IEnumerable<string> expected, IEnumerable<string> actual, string where)
    {
        Compared++;
        var e = expected.Order(StringComparer.Ordinal).ToList();
        var a = actual.Order(StringComparer.Ordinal).ToList();
        if (!e.SequenceEqual(a, StringComparer.Ordinal))
        {
            _items.Add($"{where}: stem=[{string.Join(", ", e)}] ours=[{string.Join(", ", a)}]");
        }
    }

    public void SameSequence<T>(IEnumerable<T> expected, IEnumerable<T> actual, string where)
    {
        Compared++;
        var e = expected.ToList();
        var a = actual.ToList();
        if (!e.SequenceEqual(a))
        {
            _items.Add($"{where}: stem=[{string.Join(",", e)}] ours=[{string.Join(",", a)}]");
        }
    }

    /// <summary>stem's <c>{"Link": [1, 2]}</c> protocol dictionaries against ours.</summary>
    public void SameProtocols(JsonElement? expected, IReadOnlyDictionary<string, IReadOnlyList<int>> actual, string where)
    {
        var e = expected is { ValueKind: JsonValueKind.Object } obj
            ? obj.EnumerateObject().Select(p => $"{p.Name}={string.Join(",", p.Value.EnumerateArray().Select(x => x.GetInt32()))}")
            : [];
        SameSet(e, actual.Select(p => $"{p.Key}={string.Join(",", p.Value)}"), where);
    }

    public void Fail(string message) => _items.Add(message);

    public void AssertNone(int minimumCompared = 1)
    {
        Assert.True(Compared >= minimumCompared, $"only {Compared} comparisons made; expected at least {minimumCompared}");
        Assert.True(_items.Count == 0, $"{_items.Count} mismatches:\n" + string.Join("\n", _items.Take(40)));
    }
}
