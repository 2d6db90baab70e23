using TorMetrics.Jobs.Bandwidth;
using TorMetrics.Jobs.CollecTor;
using TorMetrics.Jobs.Maintenance;
using TorMetrics.Jobs.Onionoo;
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
        new(UpdateOnionooJob.Name, typeof(UpdateOnionooJob),
            "Rebuilds the Onionoo documents; also runs right after statuses are imported, this schedule is the fallback.", "0 20 * * * ?"),
        new("resolve-host-names", typeof(ResolveHostNamesJob),
            "Looks up host names of the newest consensus's relay addresses (Onionoo:ReverseDns, off unless enabled).", "0 40 * * * ?"),
        new("publish-collector", typeof(PublishCollecTorJob),
            "Places newly archived documents into the served recent/ and archive/ trees (index.json).", "0 1/5 * * * ?"),
        new("build-collector-archive", typeof(BuildCollecTorArchiveJob),
            "Rebuilds the archive/ tarballs that gained documents (CollecTorServing:CacheDirectory).", "0 41 3 * * ?"),
        new("collect-relay-descriptors", typeof(CollectRelayDescriptorsJob),
            "Fetches votes, consensuses and referenced descriptors from the authorities (RelayCollection:Authorities) on the " +
            "voting schedule; each run sets its own next fire time, this schedule only restarts the chain.", "0 0/10 * * * ?"),
    ];

    public static JobDefinition? Find(string name) =>
        All.FirstOrDefault(j => string.Equals(j.Name, name, StringComparison.Ordinal));
}
