using Microsoft.Extensions.Options;
using TorMetrics.Domain.RelayCollection;

namespace TorMetrics.Jobs.RelayCollection;

/// <summary>
/// What collection remembers between runs of one instance: retry counts and unresponsive servers. Losing it (a
/// restart, another instance of a cluster taking over) only means starting the rotation afresh.
/// </summary>
public sealed class CollectionMemory(IOptions<RelayCollectionOptions> options, TimeProvider clock)
{
    public RetryBook Book { get; } = new(options.Value.PollInterval, options.Value.MaxRetryInterval);

    public SourceHealth Health { get; } = new(clock);
}
