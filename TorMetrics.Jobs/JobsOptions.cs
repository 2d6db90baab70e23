using System.ComponentModel.DataAnnotations;

namespace TorMetrics.Jobs;

public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Whether this instance runs scheduled jobs. The job store and manual triggers work either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Cron overrides by job name, e.g. <c>"prune-job-runs": "0 0 * * * ?"</c>.</summary>
    public Dictionary<string, string> Schedules { get; set; } = new(StringComparer.Ordinal);

    [Range(1, 3650)]
    public int RunRetentionDays { get; set; } = 90;

    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How often a clustered instance checks in; another instance takes over its work after missing a few.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(15);

    public string CronFor(JobDefinition job) =>
        Schedules.TryGetValue(job.Name, out var cron) && !string.IsNullOrWhiteSpace(cron) ? cron : job.DefaultCron;
}
