using System.ComponentModel.DataAnnotations;
using TorMetrics.Domain.RelayCollection;

namespace TorMetrics.Jobs.RelayCollection;

/// <summary>
/// Live relay-descriptor collection from directory authorities (the <c>collect-relay-descriptors</c> job) and the
/// archive-rate alarms. Without authorities the job has nothing to do and says so.
/// </summary>
public sealed class RelayCollectionOptions : IValidatableObject
{
    public const string SectionName = "RelayCollection";

    /// <summary>
    /// Bootstrap authorities as <c>host:dirport</c>. Only until the first consensus is archived: from then on the
    /// authorities are those of the newest consensus.
    /// </summary>
    public List<string> Authorities { get; set; } = [];

    /// <summary>Ask V2Dir relays with a DirPort (from the newest consensus) after the authorities.</summary>
    public bool UseDirectoryCaches { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait after every server was asked once in vain; doubles up to <see cref="MaxRetryInterval"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long descriptors referenced by a consensus or vote are still asked for.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "2.00:00:00")]
    public TimeSpan ReferenceWindow { get; set; } = TimeSpan.FromHours(3);

    /// <summary>When the next fetch is due within this, a run waits for it rather than ending.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan Linger { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A run ends after this even with work left; its follow-up fire time picks the work up.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan MaxRunDuration { get; set; } = TimeSpan.FromMinutes(2);

    [Range(1, 32)]
    public int Parallelism { get; set; } = 4;

    /// <summary>/health is Degraded when a judged period misses more than this share of referenced documents.</summary>
    [Range(0.0, 100.0)]
    public double DegradedMissingPercent { get; set; } = 0.5;

    [Range(0.0, 100.0)]
    public double UnhealthyMissingPercent { get; set; } = 5;

    /// <summary>How many recent periods /health judges; a period is judged once <see cref="SettleTime"/> has passed since its valid-after.</summary>
    [Range(1, 1000)]
    public int AlarmPeriods { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>/health is Degraded when no consensus newer than the newest one's fresh-until arrived within this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ConsensusGrace { get; set; } = TimeSpan.FromMinutes(5);

    public IReadOnlyList<DirectoryServer> BootstrapAuthorities() =>
        Authorities.Select(a => DirectoryServer.TryParseAddress(a, out var server) ? server! : null).OfType<DirectoryServer>().ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var authority in Authorities.Where(a => !DirectoryServer.TryParseAddress(a, out _)))
        {
            yield return new ValidationResult($"RelayCollection:Authorities: '{authority}' is not host:port.", [nameof(Authorities)]);
        }

        if (UnhealthyMissingPercent < DegradedMissingPercent)
        {
            yield return new ValidationResult("RelayCollection:UnhealthyMissingPercent is below DegradedMissingPercent.", [nameof(UnhealthyMissingPercent)]);
        }
    }
}
