using System.ComponentModel.DataAnnotations;

namespace TorMetrics.Web.Onionoo;

/// <summary>The Onionoo-style web service (<c>Onionoo</c> section).</summary>
public sealed class OnionooOptions
{
    public const string SectionName = "Onionoo";

    /// <summary>How often a web instance checks for a newly published generation.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many past days' snapshots (<c>as_of</c>) are kept in memory after being built.</summary>
    [Range(0, 366)]
    public int AsOfCacheDays { get; set; } = 4;
}
