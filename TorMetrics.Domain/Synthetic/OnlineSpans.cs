namespace TorMetrics.Domain.Synthetic;

/// <summary>The hours a relay or bridge is up, as sorted half-open spans [From, To) of simulated hours.</summary>
public sealed class OnlineSpans(List<(int From, int To)> spans)
{
    public IReadOnlyList<(int From, int To)> Spans => spans;

    public bool IsOnline(int hour)
    {
        foreach (var (from, to) in spans)
        {
            if (hour >= from && hour < to)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A life from <paramref name="join"/> to <paramref name="leave"/> with outages of 1–8 hours starting at the given
    /// rate per hour; a restart after an outage is what resets a relay's uptime.
    /// </summary>
    public static OnlineSpans Create(int join, int leave, double outagesPerHour, ref SyntheticRandom random)
    {
        var result = new List<(int, int)>();
        int from = join;
        for (int hour = join + 1; hour < leave; hour++)
        {
            if (random.Chance(outagesPerHour))
            {
                int length = 1 + random.Next(8);
                result.Add((from, hour));
                hour += length;
                from = hour;
            }
        }

        if (from < leave)
        {
            result.Add((from, leave));
        }

        return new OnlineSpans(result);
    }

    /// <summary>
    /// A life in blocks of <paramref name="blockHours"/>, each up with probability <paramref name="availability"/>:
    /// bridges that are listed but not reachable stay so for hours, not for single hours.
    /// </summary>
    public static OnlineSpans FromBlocks(int join, int leave, int blockHours, double availability, ref SyntheticRandom random)
    {
        var result = new List<(int, int)>();
        int? from = null;
        for (int block = join; block < leave; block += blockHours)
        {
            bool up = block == join || random.Chance(availability);
            if (up && from is null)
            {
                from = block;
            }
            else if (!up && from is not null)
            {
                result.Add((from.Value, block));
                from = null;
            }
        }

        if (from is not null)
        {
            result.Add((from.Value, leave));
        }

        return new OnlineSpans(result);
    }
}
