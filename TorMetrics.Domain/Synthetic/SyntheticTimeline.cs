namespace TorMetrics.Domain.Synthetic;

/// <summary>
/// The simulated hours. Hour 0 starts a day before the first consensus, so that every relay running at the first
/// consensus already published a descriptor (tor republishes every 18 hours) and its digest resolves.
/// </summary>
public sealed class SyntheticTimeline
{
    public const int WarmUpHours = 24;

    public SyntheticTimeline(DateTime end, int days)
    {
        LastValidAfter = new DateTime(end.Ticks - (end.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc);
        ConsensusHours = days * 24;
        FirstValidAfter = LastValidAfter.AddHours(-(ConsensusHours - 1));
        Start = FirstValidAfter.AddHours(-WarmUpHours);
        Hours = WarmUpHours + ConsensusHours;
    }

    /// <summary>Start of simulated hour 0.</summary>
    public DateTime Start { get; }

    public DateTime FirstValidAfter { get; }

    public DateTime LastValidAfter { get; }

    public int ConsensusHours { get; }

    /// <summary>Simulated hours, warm-up included; the last one begins at <see cref="LastValidAfter"/>.</summary>
    public int Hours { get; }

    public DateTime At(int hour) => Start.AddHours(hour);

    public int HourOf(DateTime time) => (int)Math.Floor((time - Start).TotalHours);

    public bool IsConsensusHour(int hour) => hour >= WarmUpHours;
}
