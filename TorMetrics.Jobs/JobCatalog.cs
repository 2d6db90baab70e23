using TorMetrics.Jobs.Bandwidth;
using TorMetrics.Jobs.CollecTor;
using TorMetrics.Jobs.Maintenance;
using TorMetrics.Jobs.RelayCollection;

namespace TorMetrics.Jobs;

/// <summary>
/// Every job and its default schedule, in one place. Schedules are Quartz cron expressions
/// (seconds first) and can be overridden per job under <c>Jobs:Schedules:&lt;name&gt;</c>.
/// </summary>
public static class JobCatalog
{
    public const string Group = "tormetrics";

    public static IReadOnlyList<JobDefinition> All { get; } =
    [
        new("prune-job-runs", typeof(PruneJobRunsJob),
            "Deletes job run records older than Jobs:RunRetentionDays.", "0 17 3 * * ?"),
        new("follow-collector", typeof(FollowCollecTorJob),
            "Imports the files a CollecTor instance (CollecTor:BaseUrl) published since the last run.", "0 7/30 * * * ?"),
        new("generate-bandwidth-file", typeof(GenerateBandwidthFileJob),
            "Writes the bandwidth file (BandwidthAuthority:OutputPath) from the scanner's measurements.", "0 5 * * * ?"),
        new("collect-relay-descriptors", typeof(CollectRelayDescriptorsJob),
            "Fetches votes, consensuses and referenced descriptors from the authorities (RelayCollection:Authorities) on the " +
            "voting schedule; each run sets its own next fire time, this schedule only restarts the chain.", "0 0/10 * * * ?"),
    ];

    public static JobDefinition? Find(string name) =>
        All.FirstOrDefault(j => string.Equals(j.Name, name, StringComparison.Ordinal));
}
