using TorMetrics.Domain.RelayCollection;

namespace TorMetrics.Jobs.RelayCollection;

/// <summary>
/// Which directory servers recently gave no answer at all (refused, timed out). They are asked last for a while, so
/// that a stopped authority costs one failed connection per document at most, not one per attempt.
/// </summary>
public sealed class SourceHealth(TimeProvider clock)
{
    private static readonly TimeSpan Memory = TimeSpan.FromMinutes(5);
    private readonly Dictionary<string, DateTime> _lastFailure = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Record(FetchResult result)
    {
        lock (_lock)
        {
            if (result.Status is null)
            {
                _lastFailure[result.Request.Source.BaseUrl] = result.StartedAt;
            }
            else
            {
                _lastFailure.Remove(result.Request.Source.BaseUrl);
            }
        }
    }

    /// <summary>The servers in their order, those that recently failed moved to the end.</summary>
    public IReadOnlyList<DirectoryServer> Order(IReadOnlyList<DirectoryServer> servers)
    {
        var since = clock.GetUtcNow().UtcDateTime - Memory;
        lock (_lock)
        {
            return servers.OrderBy(s => _lastFailure.TryGetValue(s.BaseUrl, out var at) && at > since).ToList();
        }
    }
}
