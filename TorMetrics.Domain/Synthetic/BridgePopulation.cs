using System.Security.Cryptography;
using TorMetrics.Domain.Synthetic.Tables;

namespace TorMetrics.Domain.Synthetic;

/// <summary>Draws the bridges of a synthetic network from <see cref="BridgeTables"/>.</summary>
public static class BridgePopulation
{
    // Most bridges are up whenever listed; the others are reachable in some 6-hour blocks only, which together
    // gives the sample's share of listed bridges with the Running flag.
    private const double SteadyShare = .55;
    private const int BlockHours = 6;

    public static List<BridgePlan> Create(ulong seed, int bridges, SyntheticTimeline timeline)
    {
        double days = timeline.ConsensusHours / 24.0;
        int joiners = (int)Math.Round(bridges * RelayTables.JoinPerDay * days);
        var plans = new List<BridgePlan>(bridges + joiners);
        for (int i = 0; i < bridges + joiners; i++)
        {
            plans.Add(CreateBridge(seed, i, i >= bridges, timeline));
        }

        return plans;
    }

    private static BridgePlan CreateBridge(ulong seed, int index, bool joiner, SyntheticTimeline timeline)
    {
        var random = new SyntheticRandom(seed, SyntheticStreams.Bridge, (ulong)index);
        var identity = SHA1.HashData(random.NextBytes(20));
        int hours = timeline.Hours;
        int join = joiner ? random.Next(SyntheticTimeline.WarmUpHours - 12, hours - 1) : 0;
        int leave = !joiner && random.Chance(RelayTables.LeavePerDay * (timeline.ConsensusHours / 24.0))
            ? random.Next(SyntheticTimeline.WarmUpHours + 1, hours)
            : hours;

        // Mean availability of the unsteady ones: (RunningShare - SteadyShare) / (1 - SteadyShare).
        double availability = random.Chance(SteadyShare) ? 1 : (BridgeTables.RunningShare - SteadyShare) / (1 - SteadyShare);
        var online = OnlineSpans.FromBlocks(join, leave, BlockHours, availability, ref random);
        bool unlimited = random.Chance(BridgeTables.UnlimitedRateShare);
        var observed = BridgeTables.Observed.Sample(ref random);
        var transports = BridgeTables.Transports.Pick(ref random);
        var earlierRestart = timeline.Start.AddDays(-RelayTables.UptimeDays.Sample(ref random)).AddMinutes(-random.Next(60, 600));
        return new BridgePlan
        {
            Index = index,
            HashedFingerprint = Convert.ToHexString(identity),
            HashedIdentity = identity,
            SanitizedMasterKey = FakeKeys.Base64Unpadded(SHA256.HashData(random.NextBytes(32))),
            NtorKey = random.NextBytes(32),
            Nickname = NameMaker.Nickname(ref random, BridgeTables.UnnamedShare),
            HasContact = random.Chance(.5),
            Os = RelayTables.OperatingSystems.Pick(ref random),
            Version = RelayTables.Versions.Pick(ref random),
            Flags = BridgeTables.Flags.Pick(ref random),
            Weight = (long)BridgeTables.Weight.Sample(ref random),
            HasIpv6 = random.Chance(BridgeTables.Ipv6Share),
            Rate = unlimited ? RelayTables.UnlimitedRate : (long)(observed * 2) / 1024 * 1024,
            Burst = unlimited ? RelayTables.UnlimitedRate : (long)(observed * 4) / 1024 * 1024,
            ObservedBase = observed,
            Transports = transports,
            Distributor = BridgeTables.Distributors.Pick(ref random),
            Blocklist = random.Chance(BridgeTables.BlocklistShare) ? BridgeTables.BlocklistCountries.Pick(ref random) : null,
            DistributionRequest = random.Chance(BridgeTables.DistributionRequestShare),
            Online = online,
            JoinHour = joiner ? join : -1,
            LeaveHour = leave,
            EarlierRestart = earlierRestart,
            StatisticsSince = joiner ? timeline.At(join) : earlierRestart.AddDays(-random.Next(30, 900)),
            StatisticsPhaseSeconds = random.Next(86400),
            DirectoryResponses = BridgeTables.DirreqOk.Sample(ref random),
            UniqueAddresses = BridgeTables.BridgeIpsTotal.Sample(ref random),
            Utilization = .2 + (random.NextDouble() * .5),
        };
    }
}
