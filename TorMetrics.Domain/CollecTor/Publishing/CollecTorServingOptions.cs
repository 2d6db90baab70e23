using System.ComponentModel.DataAnnotations;

namespace TorMetrics.Domain.CollecTor.Publishing;

/// <summary>How we serve what we hold as a CollecTor instance does (index.json, recent/, archive/).</summary>
public sealed class CollecTorServingOptions
{
    public const string SectionName = "CollecTorServing";

    /// <summary>Where built tarballs are kept; instances that serve archive/ must share it.</summary>
    [Required]
    public string CacheDirectory { get; set; } = ".data/collector-archive";

    /// <summary>index.json's <c>path</c>, e.g. <c>https://collector.example.org</c>; unset: the address a request came to.</summary>
    [Url]
    public string? InstanceBaseUrl { get; set; }

    /// <summary>How long documents stay in recent/ after the run that placed them (CollecTor: 72 hours).</summary>
    [Range(1, 24 * 31)]
    public int RecentHours { get; set; } = 72;

    /// <summary>The xz preset tarballs are compressed with (CollecTor: 9e); lower is much faster.</summary>
    [RegularExpression("^[0-9]e?$")]
    public string ArchiveXzPreset { get; set; } = "9e";

    /// <summary>
    /// A run looks this far back before the previous run's start for documents not placed yet: a document's first
    /// seen time is taken when its import transaction starts, so it can become visible a little after that time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan LateCommitAllowance { get; set; } = TimeSpan.FromHours(1);

    /// <summary>index.json's <c>build_revision</c>; unset: the git revision the executable was built from.</summary>
    public string? BuildRevision { get; set; }
}
