namespace TorMetrics.Domain.Synthetic.Writing;

/// <summary>What a relay's descriptor says at one publication: the plan's values as changed by then.</summary>
public sealed record RelayState(
    DateTime Published,
    string Address,
    int OrPort,
    string Version,
    DateTime Restarted,
    bool Hibernating,
    DateTime? OverloadSince,
    long ObservedBandwidth)
{
    public static RelayState At(RelayPlan relay, SyntheticTimeline timeline, DateTime published, int sequence)
    {
        int hour = timeline.HourOf(published);
        var change = relay.AddressChange is { } c && hour >= c.Hour ? c : default;
        var upgrade = relay.Upgrade is { } u && hour >= u.Hour ? u : default;

        // Uptime restarts with the online span, or with an upgrade inside it.
        var restarted = relay.EarlierRestart;
        foreach (var (from, to) in relay.Online.Spans)
        {
            if (hour >= from && hour < to && from > 0)
            {
                restarted = timeline.At(from);
            }
        }

        if (upgrade.Version is not null && timeline.At(upgrade.Hour) > restarted)
        {
            restarted = timeline.At(upgrade.Hour);
        }

        DateTime? overload = null;
        if (relay.OverloadHour is { } o && hour >= o && hour < o + 72)
        {
            overload = timeline.At(o);
        }

        var observed = (long)(relay.BaseWeight * 1000 * (0.6 + (0.8 * RelayDescriptorText.Noise(relay.Index, published.AddDays(sequence), 3))));
        return new RelayState(
            published,
            change.Address ?? relay.Address,
            change.Address is not null ? change.OrPort : relay.OrPort,
            upgrade.Version ?? relay.Version,
            restarted,
            relay.IsHibernating(hour),
            overload,
            Math.Min(observed, relay.Rate));
    }
}
