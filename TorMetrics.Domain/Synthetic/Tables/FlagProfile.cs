namespace TorMetrics.Domain.Synthetic.Tables;

/// <summary>
/// One combination of consensus flags as a relay keeps it while running (Running and Valid are implied), with the
/// consensus weights seen for that combination and the share of those relays that had an IPv6 ORPort.
/// </summary>
/// <param name="Flags">Flags in the order tor writes them, without Running and Valid.</param>
/// <param name="Weight">Consensus weight quantiles at q = 0, .1, .25, .5, .75, .9, 1.</param>
/// <param name="Ipv6Share">Share of these relays with an IPv6 ORPort.</param>
public sealed record FlagProfile(string[] Flags, double[] Weight, double Ipv6Share)
{
    private static readonly double[] Qs = [0, .1, .25, .5, .75, .9, 1];

    public bool Has(string flag) => Flags.Contains(flag, StringComparer.Ordinal);

    public QuantileTable WeightTable { get; } = new(Qs.Select((q, i) => (q, Weight[i])).ToArray());
}
