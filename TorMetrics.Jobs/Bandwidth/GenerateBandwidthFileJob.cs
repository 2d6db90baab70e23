using Microsoft.Extensions.Options;
using Quartz;
using TorMetrics.Domain.Bandwidth.Generation;

namespace TorMetrics.Jobs.Bandwidth;

/// <summary>Writes the bandwidth file from the configured scanner's measurements, as sbws's hourly generate did.</summary>
[DisallowConcurrentExecution]
public sealed class GenerateBandwidthFileJob(BandwidthFileGenerator generator, IOptions<BandwidthGeneratorOptions> options) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var result = await generator.GenerateAsync(options.Value, cancellationToken);
        var figures = result.Document?.Figures;
        context.Result = new JobCounts
        {
            ["written"] = result.Written ? 1 : 0,
            ["relays"] = figures?.RelayLines ?? 0,
            ["eligible"] = figures?.EligibleRelays ?? 0,
            ["milliseconds"] = (long)result.Timings.Total.TotalMilliseconds,
        };
    }
}
