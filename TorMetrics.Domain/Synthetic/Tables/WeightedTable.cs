namespace TorMetrics.Domain.Synthetic.Tables;

/// <summary>Values with relative weights (usually counts seen in a sample); picks one in proportion.</summary>
public sealed class WeightedTable<T>
{
    private readonly T[] _values;
    private readonly double[] _cumulative;

    public WeightedTable(IEnumerable<(T Value, double Weight)> entries)
    {
        var list = entries.Where(e => e.Weight > 0).ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("a weighted table needs at least one positive weight", nameof(entries));
        }

        _values = list.Select(e => e.Value).ToArray();
        _cumulative = new double[list.Count];
        double sum = 0;
        for (int i = 0; i < list.Count; i++)
        {
            sum += list[i].Weight;
            _cumulative[i] = sum;
        }

        Total = sum;
    }

    public double Total { get; }

    public IReadOnlyList<T> Values => _values;

    /// <summary>The share of one value in the table (0 when absent).</summary>
    public double Share(Func<T, bool> predicate)
    {
        double share = 0;
        for (int i = 0; i < _values.Length; i++)
        {
            if (predicate(_values[i]))
            {
                share += _cumulative[i] - (i == 0 ? 0 : _cumulative[i - 1]);
            }
        }

        return share / Total;
    }

    public T Pick(ref SyntheticRandom random)
    {
        var target = random.NextDouble() * Total;
        int index = Array.BinarySearch(_cumulative, target);
        index = index < 0 ? ~index : index + 1;
        return _values[Math.Min(index, _values.Length - 1)];
    }
}
