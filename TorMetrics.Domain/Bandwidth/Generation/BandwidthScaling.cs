namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>How measured bandwidths become the file's <c>bw</c> values (bandwidth-scanner.md §3.3, §3.5).</summary>
public enum BandwidthScaling
{
    /// <summary>Torflow's ratio times the descriptor bandwidth, capped, as sbws 1.9 does (the default).</summary>
    Torflow,

    /// <summary>sbws's own scaling: the median measurement against the network's median, times a constant.</summary>
    Sbws,

    /// <summary>No scaling: the median measurement in KB.</summary>
    Raw,

    /// <summary>Spec appendix B.2: every relay's mean measurement times one factor, so the total is relays × constant.</summary>
    Linear,
}
