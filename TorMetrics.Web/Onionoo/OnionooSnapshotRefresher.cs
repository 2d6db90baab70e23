using Microsoft.Extensions.Options;
using TorMetrics.Domain.Onionoo.Updating;

namespace TorMetrics.Web.Onionoo;

/// <summary>Loads the newest published generation into memory whenever the updater (on any instance) publishes one.</summary>
public sealed partial class OnionooSnapshotRefresher(
    OnionooGenerationStore store,
    OnionooSnapshotProvider provider,
    IOptions<OnionooOptions> options,
    TimeProvider clock,
    ILogger<OnionooSnapshotRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(logger, e);
            }

            await Task.Delay(options.Value.RefreshInterval, clock, stoppingToken);
        }
    }

    /// <summary>Loads the newest generation if it is not the one served already.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var latest = await store.LatestGenerationAsync(cancellationToken);
        if (latest is not { } generation || provider.Current?.Generation == generation)
        {
            return;
        }

        if (await store.LoadAsync(generation, cancellationToken) is { } snapshot)
        {
            provider.Publish(snapshot);
            LogLoaded(logger, generation, snapshot.Relays.Count, snapshot.Bridges.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving Onionoo generation {Generation}: {Relays} relays, {Bridges} bridges.")]
    private static partial void LogLoaded(ILogger logger, long generation, int relays, int bridges);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the newest Onionoo generation failed; the previous one is still served.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
