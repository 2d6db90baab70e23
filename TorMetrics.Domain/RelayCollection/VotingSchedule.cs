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
    /// The valid-after of the next consensus. Votes already seen for a later period win over fresh-until: when tor
    /// changes its interval (a test network leaving its initial schedule) the next period is not fresh-until.
    /// </summary>
    public DateTime NextValidAfter =>
        PendingVotesValidAfter is { } pending && pending > FreshUntil ? pending : FreshUntil;

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
