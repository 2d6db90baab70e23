using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TorMetrics.Domain.RelayCollection;
using TorMetrics.Jobs.RelayCollection;

namespace TorMetrics.Web.Health;

/// <summary>
/// Alarms on relay-descriptor collection: Degraded when no new consensus arrived within the grace after the newest
/// one's fresh-until, or when a judged period misses more than the degraded share of referenced documents; Unhealthy
/// when the newest consensus is past its valid-until, or above the unhealthy share. Periods are judged once
/// <see cref="RelayCollectionOptions.SettleTime"/> has passed since their valid-after.
/// </summary>
internal sealed class RelayCollectionHealthCheck(ArchiveRateQueries archiveRate, IOptions<RelayCollectionOptions> options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (settings.Authorities.Count == 0)
        {
            return HealthCheckResult.Healthy("Relay collection is not configured (RelayCollection:Authorities).");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (await archiveRate.NewestConsensusAsync(cancellationToken) is not { } newest)
        {
            return HealthCheckResult.Degraded("No consensus collected yet.");
        }

        var interval = newest.FreshUntil - newest.ValidAfter;
        var judgedUntil = now - settings.SettleTime;
        var from = judgedUntil - interval * (settings.AlarmPeriods + 1);
        var periods = (await archiveRate.PeriodsAsync(from, judgedUntil, cancellationToken)).TakeLast(settings.AlarmPeriods).ToList();
        var worst = periods.Count == 0 ? 0 : periods.Max(p => p.MissingPercent);
        var data = new Dictionary<string, object>
        {
            ["newestValidAfter"] = newest.ValidAfter,
            ["newestAgeSeconds"] = Math.Round((now - newest.ValidAfter).TotalSeconds),
            ["judgedPeriods"] = periods.Select(p => new { p.ValidAfter, p.Referenced, p.Missing, missingPercent = Math.Round(p.MissingPercent, 3) }).ToList(),
        };

        var problems = new List<string>();
        var status = HealthStatus.Healthy;
        if (now > newest.ValidUntil)
        {
            status = HealthStatus.Unhealthy;
            problems.Add(Invariant($"the newest consensus ({newest.ValidAfter:yyyy-MM-dd HH:mm:ss}) is past its valid-until"));
        }
        else if (now > newest.FreshUntil + settings.ConsensusGrace)
        {
            status = HealthStatus.Degraded;
            problems.Add(Invariant($"no consensus newer than {newest.ValidAfter:yyyy-MM-dd HH:mm:ss} since its fresh-until"));
        }

        if (worst > settings.UnhealthyMissingPercent)
        {
            status = HealthStatus.Unhealthy;
        }
        else if (worst > settings.DegradedMissingPercent && status == HealthStatus.Healthy)
        {
            status = HealthStatus.Degraded;
        }

        if (worst > settings.DegradedMissingPercent)
        {
            problems.Add(Invariant($"{worst:F2} % of referenced documents missing in a recent period"));
        }

        return status == HealthStatus.Healthy
            ? HealthCheckResult.Healthy(Invariant($"Newest consensus {newest.ValidAfter:yyyy-MM-dd HH:mm:ss}; at most {worst:F2} % missing in the last {periods.Count} periods."), data)
            : new HealthCheckResult(status, "Relay collection: " + string.Join("; ", problems) + ".", data: data);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
