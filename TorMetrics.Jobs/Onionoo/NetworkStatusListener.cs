using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;

namespace TorMetrics.Jobs.Onionoo;

/// <summary>
/// Runs the Onionoo update as soon as statuses are imported, by any process (a trigger on network_statuses
/// notifies on commit). Notifications within a few seconds are coalesced, since one import brings many statuses;
/// the hourly schedule remains as the fallback if a notification is missed.
/// </summary>
public sealed partial class NetworkStatusListener(
    NpgsqlDataSource dataSource, ISchedulerFactory schedulers, TimeProvider clock, ILogger<NetworkStatusListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                LogListenFailed(logger, e, Reconnect);
                await Task.Delay(Reconnect, clock, stoppingToken);
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        int pending = 0;
        connection.Notification += (_, _) => Interlocked.Exchange(ref pending, 1);
        await using (var listen = new NpgsqlCommand("LISTEN network_statuses_imported", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await connection.WaitAsync(stoppingToken);
            // Let the rest of an import's notifications arrive, then run once.
            using var quiet = new CancellationTokenSource(Coalesce, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(quiet.Token, stoppingToken);
            try
            {
                while (true)
                {
                    await connection.WaitAsync(linked.Token);
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }

            if (Interlocked.Exchange(ref pending, 0) == 1)
            {
                var scheduler = await schedulers.GetScheduler(stoppingToken);
                await scheduler.TriggerJob(new JobKey(UpdateOnionooJob.Name, JobCatalog.Group), stoppingToken);
                LogTriggered(logger);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for imported statuses failed; retrying in {Delay}.")]
    private static partial void LogListenFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Statuses were imported; Onionoo update triggered.")]
    private static partial void LogTriggered(ILogger logger);
}
