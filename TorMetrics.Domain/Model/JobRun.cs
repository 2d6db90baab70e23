namespace TorMetrics.Domain.Model;

/// <summary>One execution of a scheduled or manually triggered job, written by the job listener.</summary>
public sealed class JobRun
{
    public long Id { get; set; }

    public required string JobName { get; set; }

    /// <summary>Quartz's id for this firing; unique across the cluster.</summary>
    public required string FireInstanceId { get; set; }

    /// <summary>The scheduler instance (host) that executed the run.</summary>
    public required string SchedulerInstance { get; set; }

    public bool Manual { get; set; }

    /// <summary>The fire time the trigger was scheduled for; two instances must never both run the same one.</summary>
    public DateTime? ScheduledFireTime { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public JobRunOutcome Outcome { get; set; }

    public int? ProgressPercent { get; set; }

    public string? ProgressMessage { get; set; }

    /// <summary>What the job did, as a JSON object of named counts (files, documents, rows...).</summary>
    public string? Counts { get; set; }

    public string? Error { get; set; }

    public TimeSpan? Duration => FinishedAt - StartedAt;
}
