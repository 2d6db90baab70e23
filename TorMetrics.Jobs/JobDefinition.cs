using Quartz;

namespace TorMetrics.Jobs;

/// <summary>A job the system runs: its key, what it does, and the schedule it has unless configuration overrides it.</summary>
public sealed record JobDefinition(string Name, Type JobType, string Description, string DefaultCron)
{
    public JobKey Key => new(Name, JobCatalog.Group);

    public TriggerKey TriggerKey => new(Name + "-schedule", JobCatalog.Group);

    /// <summary>A one-off trigger a job may set for its own next run (collect-relay-descriptors follows the voting schedule).</summary>
    public TriggerKey FollowUpTriggerKey => new(Name + "-next", JobCatalog.Group);
}
