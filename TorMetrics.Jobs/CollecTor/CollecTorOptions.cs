using System.ComponentModel.DataAnnotations;

namespace TorMetrics.Jobs.CollecTor;

/// <summary>A CollecTor instance to follow. Without a base URL the follow job has nothing to do and says so.</summary>
public sealed class CollecTorOptions
{
    public const string SectionName = "CollecTor";

    /// <summary>e.g. <c>https://collector.torproject.org</c>; the job reads <c>{BaseUrl}/index/index.json</c>.</summary>
    [Url]
    public string? BaseUrl { get; set; }

    /// <summary>Path prefixes to follow, relative to the instance root.</summary>
    [MinLength(1)]
    public List<string> Paths { get; set; } = ["recent/"];

    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);
}
