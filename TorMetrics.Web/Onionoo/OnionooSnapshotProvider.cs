using Microsoft.Extensions.Options;
using TorMetrics.Domain.Onionoo;
using TorMetrics.Domain.Onionoo.Updating;

namespace TorMetrics.Web.Onionoo;

/// <summary>
/// The snapshot requests read. The current one is replaced as a whole (one reference write), so a request that
/// took it keeps a consistent generation to the end. Past days (<c>as_of</c>) are built from the archive on first
/// use and kept in a small cache.
/// </summary>
public sealed class OnionooSnapshotProvider(OnionooSnapshotBuilder builder, IOptions<OnionooOptions> options)
{
    private readonly Dictionary<DateOnly, Task<OnionooSnapshot>> _pastDays = [];
    private readonly LinkedList<DateOnly> _recentlyUsed = new();
    private readonly Lock _pastDaysLock = new();
    private volatile OnionooSnapshot? _current;

    /// <summary>Null until the first generation is loaded.</summary>
    public OnionooSnapshot? Current => _current;

    public void Publish(OnionooSnapshot snapshot) => _current = snapshot;

    public Task<OnionooSnapshot> GetPastDayAsync(DateOnly day)
    {
        lock (_pastDaysLock)
        {
            if (!_pastDays.TryGetValue(day, out var snapshot) || snapshot.IsFaulted || snapshot.IsCanceled)
            {
                snapshot = builder.BuildAsync(day, null, CancellationToken.None);
                _pastDays[day] = snapshot;
            }

            _recentlyUsed.Remove(day);
            _recentlyUsed.AddFirst(day);
            while (_recentlyUsed.Count > Math.Max(1, options.Value.AsOfCacheDays))
            {
                _pastDays.Remove(_recentlyUsed.Last!.Value);
                _recentlyUsed.RemoveLast();
            }

            return snapshot;
        }
    }
}
