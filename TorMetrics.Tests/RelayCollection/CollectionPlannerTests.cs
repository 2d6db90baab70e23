using TorMetrics.Domain.RelayCollection;

namespace TorMetrics.Tests.RelayCollection;

/// <summary>The planner on hand-made states: a 60 s interval with 9 s + 9 s delays, as the test network votes.</summary>
public sealed class CollectionPlannerTests
{
    private static readonly DateTime ValidAfter = new(2026, 11, 21, 14, 0, 0, DateTimeKind.Utc);
    private static readonly DirectoryServer[] Authorities =
    [
        new("a0", "127.0.0.1", 20200, new string('A', 40), true),
        new("a1", "127.0.0.1", 20201, new string('B', 40), true),
        new("a2", "127.0.0.1", 20202, new string('C', 40), true),
    ];

    private readonly CollectionPlanner _planner = new(new CollectionTuning());
    private readonly RetryBook _book = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    [Fact]
    public void Plan_NothingArchived_WantsBothFlavoursNowFromTheFirstAuthority()
    {
        var plan = _planner.Plan(new CollectionState(), Authorities, _book, ValidAfter);

        Assert.Equal(["/tor/status-vote/current/consensus-microdesc.z", "/tor/status-vote/current/consensus.z"],
            plan.Due.Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.All(plan.Due, r => Assert.Equal("a0", r.Source.Name));
    }

    [Fact]
    public void Plan_MidPeriod_NothingDueAndTheVotingWindowIsNext()
    {
        var plan = _planner.Plan(Current(), Authorities, _book, ValidAfter.AddSeconds(20));

        Assert.Empty(plan.Due);
        Assert.Equal(ValidAfter.AddSeconds(60 - 18).AddSeconds(0.5), plan.NextDue);
        Assert.Contains(plan.Upcoming, u => u.Purpose == FetchPurpose.Vote && u.Documents == 3);
        Assert.Contains(plan.Upcoming, u => u.Purpose == FetchPurpose.Consensus && u.At == ValidAfter.AddSeconds(60.5));
    }

    [Fact]
    public void Plan_VotingWindow_AsksEachVoterForItsOwnVoteFirst()
    {
        var state = Current() with { VotesHeld = new HashSet<string> { new('B', 40) } };

        var plan = _planner.Plan(state, Authorities, _book, ValidAfter.AddSeconds(43));

        var votes = plan.Due.Where(r => r.Purpose == FetchPurpose.Vote).ToList();
        Assert.Equal(2, votes.Count);
        Assert.Contains(votes, r => r.Source.Name == "a0" && r.Path == $"/tor/status-vote/next/{new string('A', 40)}.z");
        Assert.Contains(votes, r => r.Source.Name == "a2" && r.Path == $"/tor/status-vote/next/{new string('C', 40)}.z");
        Assert.DoesNotContain(plan.Due, r => r.Purpose == FetchPurpose.DetachedSignatures);
    }

    [Fact]
    public void Plan_AfterAMiss_AsksTheNextAuthorityAtOnceThenWaits()
    {
        var state = Current() with { VotesHeld = new HashSet<string> { new('B', 40), new('C', 40) } };
        var now = ValidAfter.AddSeconds(43);
        var key = "vote-next:" + new string('A', 40);

        _book.RecordAttempt(key, 3, now);
        var second = _planner.Plan(state, Authorities, _book, now);
        _book.RecordAttempt(key, 3, now);
        _book.RecordAttempt(key, 3, now);
        var afterAll = _planner.Plan(state, Authorities, _book, now);

        Assert.Equal("a1", Assert.Single(second.Due, r => r.Purpose == FetchPurpose.Vote).Source.Name);
        Assert.DoesNotContain(afterAll.Due, r => r.Purpose == FetchPurpose.Vote);
        Assert.Equal(now.AddSeconds(1), afterAll.NextDue);
    }

    [Fact]
    public void Plan_DistributionWindow_WantsDetachedSignatures()
    {
        var state = Current() with { VotesHeld = Authorities.Select(a => a.V3Ident!).ToHashSet() };

        var plan = _planner.Plan(state, Authorities, _book, ValidAfter.AddSeconds(52));

        Assert.Equal("/tor/status-vote/next/consensus-signatures.z", Assert.Single(plan.Due).Path);
    }

    [Fact]
    public void Plan_NextValidAfterPassed_WantsBothFlavoursOfTheNewConsensus()
    {
        var plan = _planner.Plan(Current(), Authorities, _book, ValidAfter.AddSeconds(61));

        Assert.Contains(plan.Due, r => r.Purpose == FetchPurpose.Consensus && r.Keys.Single() == "consensus:2026-11-21T14:01:00");
        Assert.Contains(plan.Due, r => r.Purpose == FetchPurpose.ConsensusMicrodesc);
    }

    [Fact]
    public void Plan_MissingDescriptors_BatchedByDigestWithTheProtocolsLimitsAndSeparators()
    {
        var servers = Enumerable.Range(0, 100).Select(i => i.ToString("X40", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var micros = Enumerable.Range(0, 93).Select(i => Convert.ToBase64String(new byte[31].Append((byte)i).ToArray()).TrimEnd('=')).ToList();
        var state = Current() with { MissingServerDescriptors = servers, MissingMicrodescriptors = micros };

        var plan = _planner.Plan(state, Authorities, _book, ValidAfter.AddSeconds(5));

        var serverRequests = plan.Due.Where(r => r.Purpose == FetchPurpose.ServerDescriptors).ToList();
        Assert.Equal([96, 4], serverRequests.Select(r => r.Keys.Count).Order().Reverse());
        Assert.All(serverRequests, r => Assert.Matches(@"^/tor/server/d/[0-9A-F]{40}(\+[0-9A-F]{40})*\.z$", r.Path));
        var microRequests = plan.Due.Where(r => r.Purpose == FetchPurpose.Microdescriptors).ToList();
        Assert.Equal([92, 1], microRequests.Select(r => r.Keys.Count).Order().Reverse());
        Assert.Equal(91, microRequests.Single(r => r.Keys.Count == 92).Path.Count(c => c == '-'));
    }

    [Fact]
    public void VotingSchedule_VotesForALaterPeriod_MoveTheNextValidAfter()
    {
        // A test network leaving its initial schedule: fresh-until says 13:37:50, the votes say 13:38:00.
        var schedule = new VotingSchedule(
            ValidAfter.AddSeconds(-70), ValidAfter.AddSeconds(-10), 9, 9, PendingVotesValidAfter: ValidAfter);

        Assert.Equal(ValidAfter, schedule.NextValidAfter);
        Assert.Equal(ValidAfter.AddSeconds(60), schedule.VotingValidAfter(ValidAfter.AddSeconds(1)));
        Assert.Equal(ValidAfter.AddSeconds(-18), schedule.VotesPublished(ValidAfter));
    }

    [Theory]
    [InlineData("2026-11-21T13:36:50Z", "2026-11-21T13:38:00Z")]
    [InlineData("2026-11-21T14:06:20Z", "2026-11-21T14:07:00Z")]
    [InlineData("2026-11-21T14:07:00Z", "2026-11-21T14:08:00Z")]
    public void VotingSchedule_LeavingTheInitialSchedule_NextValidAfterIsTheFirstVotableMinute(string validAfter, string expected)
    {
        var start = DateTime.Parse(validAfter, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

        var schedule = new VotingSchedule(start, start.AddSeconds(60), 9, 9, null);

        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal),
            schedule.NextValidAfter);
    }

    [Theory]
    [InlineData("128.31.0.39:9231", "http://128.31.0.39:9231")]
    [InlineData("[2001:db8::1]:80", "http://[2001:db8::1]:80")]
    public void DirectoryServer_ConfiguredAddress_GivesTheDirPortUrl(string configured, string expected)
    {
        Assert.True(DirectoryServer.TryParseAddress(configured, out var server));
        Assert.Equal(expected, server!.BaseUrl);
    }

    [Theory]
    [InlineData("128.31.0.39")]
    [InlineData("host:0")]
    [InlineData("host:port")]
    public void DirectoryServer_BadAddress_IsRejected(string configured)
    {
        Assert.False(DirectoryServer.TryParseAddress(configured, out _));
    }

    private static CollectionState Current() => new()
    {
        Schedule = new VotingSchedule(ValidAfter, ValidAfter.AddSeconds(60), 9, 9, null),
        NewestNsValidAfter = ValidAfter,
        NewestMicrodescValidAfter = ValidAfter,
        Authorities = Authorities,
        VotingValidAfter = ValidAfter.AddSeconds(60),
    };
}
