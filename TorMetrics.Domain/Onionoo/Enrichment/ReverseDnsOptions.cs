using System.ComponentModel.DataAnnotations;

namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>
/// The <c>resolve-host-names</c> job's settings (section <c>Onionoo:ReverseDns</c>). Defaults are Onionoo's: 30
/// workers, a 5-minute budget per run, and a new lookup when the last one is 12 hours old. Off unless enabled,
/// because every run sends one DNS query or more per relay address to the system's resolver.
/// </summary>
public sealed class ReverseDnsOptions
{
    public const string SectionName = "Onionoo:ReverseDns";

    public bool Enabled { get; set; }

    [Range(1, 1000)]
    public int Workers { get; set; } = 30;

    /// <summary>Time a run may spend on lookups; addresses not reached wait for the next run.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan Budget { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Time one DNS question may take (the PTR lookup, and each name's A lookup).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan LookupTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Age after which an address's names are looked up again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan RefreshAfter { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Age after which a row is deleted: its address has left the consensus (or it would have been refreshed).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromDays(7);
}
