namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>
/// Disjoint address ranges sorted by their first address, each with a value; a lookup is one binary search over a
/// plain array, so it allocates nothing and needs no lock.
/// </summary>
internal sealed class AddressRangeTable<TKey, TValue>
    where TKey : struct, IComparable<TKey>
{
    private readonly TKey[] _firsts;
    private readonly TKey[] _lasts;
    private readonly TValue[] _values;

    private AddressRangeTable(TKey[] firsts, TKey[] lasts, TValue[] values)
    {
        _firsts = firsts;
        _lasts = lasts;
        _values = values;
    }

    public static AddressRangeTable<TKey, TValue> Empty { get; } = new([], [], []);

    public int Count => _firsts.Length;

    public bool TryFind(TKey address, out TValue value)
    {
        // The last range starting at or before the address is the only one that can hold it.
        var index = Array.BinarySearch(_firsts, address);
        if (index < 0)
        {
            index = ~index - 1;
        }

        if (index >= 0 && address.CompareTo(_lasts[index]) <= 0)
        {
            value = _values[index];
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Collects ranges in file order; sorts only if the file was not sorted, and rejects overlaps.</summary>
    public sealed class Builder(string source)
    {
        private readonly List<TKey> _firsts = [];
        private readonly List<TKey> _lasts = [];
        private readonly List<TValue> _values = [];
        private bool _sorted = true;

        public void Add(TKey first, TKey last, TValue value)
        {
            if (_firsts.Count > 0 && first.CompareTo(_firsts[^1]) < 0)
            {
                _sorted = false;
            }

            _firsts.Add(first);
            _lasts.Add(last);
            _values.Add(value);
        }

        public AddressRangeTable<TKey, TValue> Build()
        {
            var firsts = _firsts.ToArray();
            var lasts = _lasts.ToArray();
            var values = _values.ToArray();
            if (!_sorted)
            {
                var order = Enumerable.Range(0, firsts.Length).ToArray();
                Array.Sort((TKey[])firsts.Clone(), order);
                firsts = order.Select(i => _firsts[i]).ToArray();
                lasts = order.Select(i => _lasts[i]).ToArray();
                values = order.Select(i => _values[i]).ToArray();
            }

            for (var i = 1; i < firsts.Length; i++)
            {
                if (firsts[i].CompareTo(lasts[i - 1]) <= 0)
                {
                    throw new InvalidDataException($"{source}: the range starting at {firsts[i]} overlaps the one starting at {firsts[i - 1]}.");
                }
            }

            return new AddressRangeTable<TKey, TValue>(firsts, lasts, values);
        }
    }
}
