namespace TorMetrics.Domain.RelayCollection;

/// <summary>
/// How often each wanted document was asked for, and when it may be asked again. A miss moves on to the next
/// source at once; only after every source was tried does the wait start, doubling from the poll interval up to a
/// cap. Entries for documents no longer wanted are dropped, so the book stays as small as the missing list.
/// </summary>
public sealed class RetryBook(TimeSpan pollInterval, TimeSpan maxInterval)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Attempts(string key)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var entry) ? entry.Attempts : 0;
        }
    }

    public DateTime NotBefore(string key)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var entry) ? entry.NotBefore : DateTime.MinValue;
        }
    }

    public void RecordAttempt(string key, int sources, DateTime now)
    {
        lock (_lock)
        {
            var attempts = (_entries.TryGetValue(key, out var entry) ? entry.Attempts : 0) + 1;
            var wait = TimeSpan.Zero;
            if (attempts % Math.Max(1, sources) == 0)
            {
                var rounds = Math.Min(16, attempts / Math.Max(1, sources));
                wait = TimeSpan.FromTicks(Math.Min(maxInterval.Ticks, pollInterval.Ticks << (rounds - 1)));
            }

            _entries[key] = new Entry(attempts, now + wait);
        }
    }

    /// <summary>Forgets everything not in <paramref name="wanted"/> (found, or out of its window).</summary>
    public void KeepOnly(IReadOnlySet<string> wanted)
    {
        lock (_lock)
        {
            foreach (var key in _entries.Keys.Where(k => !wanted.Contains(k)).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    private readonly record struct Entry(int Attempts, DateTime NotBefore);
}
