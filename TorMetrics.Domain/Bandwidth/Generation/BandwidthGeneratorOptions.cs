using System.ComponentModel.DataAnnotations;

namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>
/// The bandwidth file generator's settings (section <c>BandwidthAuthority</c>). Defaults are sbws 1.9's, except the
/// software name: this generator does not pretend to be sbws unless told to.
/// </summary>
public sealed class BandwidthGeneratorOptions
{
    public const string SectionName = "BandwidthAuthority";

    /// <summary>Whose measurements to use: the id they were imported or measured under.</summary>
    [Required, MinLength(1)]
    public string ScannerId { get; set; } = "default";

    /// <summary>Where the directory authority reads the file (its <c>V3BandwidthsFile</c>); replaced atomically.</summary>
    [Required, MinLength(1)]
    public string OutputPath { get; set; } = ".data/bandwidth/latest.v3bw";

    public BandwidthScaling Scaling { get; set; } = BandwidthScaling.Torflow;

    /// <summary>The cap: no relay gets more than this share of the sum of scaled bandwidths (sbws NODE_CAP).</summary>
    [Range(0.0, 1.0)]
    public double TorflowBwMargin { get; set; } = 0.05;

    /// <summary>Significant digits of <c>bw</c> in KB (proposal 276 says 2; Torflow used 3).</summary>
    [Range(1, 10)]
    public int RoundDigits { get; set; } = 2;

    /// <summary>If set, a relay needs two successes more than this many seconds apart (off since sbws 1.1).</summary>
    [Range(1, int.MaxValue)]
    public int? SecsAway { get; set; }

    /// <summary>Minimum successful results per relay.</summary>
    [Range(1, int.MaxValue)]
    public int MinNum { get; set; } = 1;

    /// <summary>If set, the window in seconds, and results at its very edge count as old. Otherwise 28 days
    /// (Torflow scaling) or 5 days (the others).</summary>
    [Range(1, int.MaxValue)]
    public int? SecsRecent { get; set; }

    /// <summary>The per-relay quota of sbws and linear scaling, in KB.</summary>
    [Range(1.0, 1e9)]
    public double ScaleConstant { get; set; } = 7500;

    /// <summary>
    /// A consensus file to compare with (the scanner's tor <c>cached-consensus</c>). Unset: the newest ns consensus
    /// in the archive that is valid after no later than now. <c>none</c>: no consensus, as when sbws cannot read one.
    /// </summary>
    public string? ConsensusPath { get; set; }

    [Required, RegularExpression("^[A-Z]{2}$")]
    public string ScannerCountry { get; set; } = "ZZ";

    /// <summary>Comma-separated country codes of the destinations (<c>ZZ</c>: unknown or a CDN).</summary>
    [Required, RegularExpression("^[A-Z]{2}(,[A-Z]{2})*$")]
    public string DestinationsCountries { get; set; } = "ZZ";

    /// <summary>The directory authority this file is for; the header line is written only when set.</summary>
    [RegularExpression("^[A-Za-z0-9]{1,19}$")]
    public string? DirauthNickname { get; set; }

    [Required, RegularExpression("^[!-~]+$")]
    public string Software { get; set; } = "tormetrics";

    [Required, RegularExpression("^[!-~]+$")]
    public string SoftwareVersion { get; set; } = "1.0.0";

    /// <summary>How long each relay's weight per generated file is kept for the admin pages; the files themselves
    /// stay in the archive.</summary>
    [Range(1, 36500)]
    public int WeightHistoryDays { get; set; } = 90;

    /// <summary>
    /// Write <c>node_id=$…</c>. Format 1.9.0 (and sbws 1.9) drop the <c>$</c>; tor releases before that format read
    /// only lines with it, so an authority on such a tor needs this on.
    /// </summary>
    public bool NodeIdDollar { get; set; }
}
