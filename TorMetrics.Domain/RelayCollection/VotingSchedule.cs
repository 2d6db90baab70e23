namespace TorMetrics.Domain.RelayCollection;

/// <summary>
/// The voting schedule as the newest consensus states it (dir-spec §1.4): authorities vote at valid-after minus
/// both delays, exchange detached signatures at valid-after minus the distribution delay, and publish the next
/// consensus at its valid-after, which is this consensus's fresh-until.
/// </summary>
public sealed record VotingSchedule(DateTime ValidAfter, DateTime FreshUntil, int VoteSeconds, int DistSeconds, DateTime? PendingVotesValidAfter)
{
    public TimeSpan Interval => FreshUntil > ValidAfter ? FreshUntil - ValidAfter : TimeSpan.FromHours(1);

    /// <summary>
    /// The valid-after of the next consensus. Votes already seen for a later period say it outright. Otherwise tor's
    /// rule: the first multiple of the interval (counted from midnight UTC) after this valid-after whose voting starts
    /// after this consensus was published. In steady state that is fresh-until; while a test network leaves its
    /// initial schedule it is not (13:36:50 + 60 s is followed by 13:38:00, 14:06:20 + 60 s by 14:07:00).
    /// </summary>
    public DateTime NextValidAfter
    {
        get
        {
            if (PendingVotesValidAfter is { } pending && pending > ValidAfter)
            {
                return pending;
            }

            var interval = (long)Interval.TotalSeconds;
            var validAfter = new DateTimeOffset(ValidAfter).ToUnixTimeSeconds();
            var next = (validAfter / interval + 1) * interval;
            while (next - VoteSeconds - DistSeconds <= validAfter)
            {
                next += interval;
            }

            return DateTimeOffset.FromUnixTimeSeconds(next).UtcDateTime;
        }
    }

    /// <summary>The period whose voting is under way or next to come at <paramref name="now"/>.</summary>
    public DateTime VotingValidAfter(DateTime now)
    {
        var validAfter = NextValidAfter;
        while (validAfter <= now)
        {
            validAfter += Interval;
        }

        return validAfter;
    }

    public DateTime VotesPublished(DateTime validAfter) => validAfter.AddSeconds(-(VoteSeconds + DistSeconds));

    public DateTime SignaturesPublished(DateTime validAfter) => validAfter.AddSeconds(-DistSeconds);
}
