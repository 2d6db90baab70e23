using System.Globalization;
using System.Security.Cryptography;
using TorMetrics.Domain.Synthetic.Tables;

namespace TorMetrics.Domain.Synthetic;

/// <summary>
/// Draws the relays of a synthetic network from <see cref="RelayTables"/>: identities, places, flags and weights,
/// then lives (who runs from the start, who joins, who leaves, outages), changes (address, port, version,
/// hibernation, overload) and declared families.
/// </summary>
public static class RelayPopulation
{
    // A few relays go down and up again often; most rarely. Together they give the sample's hourly churn.
    private const double FlakyShare = .15;
    private const double FlakyOutagesPerHour = (RelayTables.OutageStartsPerHour - ((1 - FlakyShare) * SteadyOutagesPerHour)) / FlakyShare;
    private const double SteadyOutagesPerHour = .001;

    private static readonly FlagProfile AuthorityProfile = new(["Authority", "Stable", "V2Dir"], [20, 20, 20, 20, 20, 20, 20], .67);
    private static readonly FlagProfile AuthorityHsdirProfile = new(["Authority", "Fast", "HSDir", "Stable", "V2Dir"], [20, 20, 20, 20, 20, 20, 20], .5);

    public static int AuthorityCount(int relays) => Math.Clamp(relays / 100, 1, ConsensusHeaderTable.Authorities);

    public static List<RelayPlan> Create(ulong seed, int relays, SyntheticTimeline timeline)
    {
        var days = timeline.ConsensusHours / 24.0;
        var population = new SyntheticRandom(seed, SyntheticStreams.Population);
        int joiners = (int)Math.Round(relays * RelayTables.JoinPerDay * days);
        var plans = new List<RelayPlan>(relays + joiners);
        int authorities = AuthorityCount(relays);
        for (int i = 0; i < relays + joiners; i++)
        {
            plans.Add(CreateRelay(seed, i, i < authorities, i >= relays, timeline));
        }

        AssignFamilies(plans.Where(p => !p.IsAuthority).ToList(), ref population);
        return plans;
    }

    private static RelayPlan CreateRelay(ulong seed, int index, bool authority, bool joiner, SyntheticTimeline timeline)
    {
        var random = new SyntheticRandom(seed, SyntheticStreams.Relay, (ulong)index);
        var signingKey = FakeKeys.RsaPublicKey(ref random);
        var identity = SHA1.HashData(signingKey);
        var profile = authority ? (index < 2 ? AuthorityHsdirProfile : AuthorityProfile) : RelayTables.FlagProfiles.Pick(ref random);
        var country = CountryTable.Countries.Pick(ref random);
        var weight = Math.Max(1, profile.WeightTable.Sample(ref random));
        var policy = profile.Has("Exit") || profile.Has("BadExit") ? ExitPolicies.Exits.Pick(ref random) : ExitPolicies.RejectAll;
        var ipv6 = random.Chance(profile.Ipv6Share) ? country.RandomIpv6(ref random) : null;
        var (rate, burst) = Rates(weight, ref random);

        int hours = timeline.Hours;
        int join = joiner ? random.Next(SyntheticTimeline.WarmUpHours - 12, hours - 1) : -1;
        int leave = !joiner && !authority && random.Chance(RelayTables.LeavePerDay * (timeline.ConsensusHours / 24.0))
            ? random.Next(SyntheticTimeline.WarmUpHours + 1, hours)
            : hours;
        var outages = authority ? 0 : random.Chance(FlakyShare) ? FlakyOutagesPerHour : SteadyOutagesPerHour;
        var online = OnlineSpans.Create(Math.Max(0, join), leave, outages, ref random);
        var earlierRestart = timeline.Start.AddDays(-RelayTables.UptimeDays.Sample(ref random)).AddMinutes(-random.Next(60, 600));

        var plan = new RelayPlan
        {
            Index = index,
            SigningKey = signingKey,
            OnionKey = FakeKeys.RsaPublicKey(ref random),
            Identity = identity,
            Fingerprint = Convert.ToHexString(identity),
            MasterKey = random.NextBytes(32),
            Ed25519SigningKey = random.NextBytes(32),
            NtorKey = random.NextBytes(32),
            Nickname = authority ? "synthauth" + (index + 1).ToString(CultureInfo.InvariantCulture) : NameMaker.Nickname(ref random, RelayTables.UnnamedShare),
            Contact = NameMaker.Contact(authority ? ContactShape.Mail : RelayTables.Contacts.Pick(ref random), ref random),
            Os = RelayTables.OperatingSystems.Pick(ref random),
            Version = RelayTables.Versions.Pick(ref random),
            Profile = profile,
            IsAuthority = authority,
            BaseWeight = weight,
            WeightPhase = random.NextDouble(),
            Rate = rate,
            Burst = burst,
            Policy = policy,
            HasIpv6Policy = policy.IsExit && ipv6 is not null && random.Chance(RelayTables.Ipv6PolicyShareOfIpv6Exits),
            Country = country,
            Address = country.RandomIpv4(ref random),
            OrPort = authority ? 443 : OrPort(ref random),
            DirPort = authority ? 80 : random.Chance(RelayTables.DirPortShare) ? 9030 : 0,
            Ipv6Address = ipv6,
            Online = online,
            JoinHour = join,
            EarlierRestart = earlierRestart,
            StatisticsSince = joiner ? timeline.At(join) : earlierRestart.AddDays(-random.Next(30, 900)),
            UnmeasuredHours = joiner ? random.Next(2, 20) : 0,
            StatisticsPhaseSeconds = random.Next(86400),
            Utilization = .25 + (random.NextDouble() * .35),
            WriteOverRead = ExtraInfoTables.WriteOverRead.Sample(ref random),
            DirreqStatistics = profile.Has("V2Dir") && random.Chance(ExtraInfoTables.DirreqStatsShare / .84),
            HidservStatistics = random.Chance(ExtraInfoTables.HidservStatsShare),
            GeoipDigests = random.Chance(ExtraInfoTables.GeoipDigestShare),
            PaddingCounts = random.Chance(ExtraInfoTables.PaddingCountsShare),
            CachesExtraInfo = random.Chance(RelayTables.CachesExtraInfoShare),
            DirectoryClients = ExtraInfoTables.DirreqOk.Sample(ref random),
        };

        if (!authority)
        {
            ScheduleChanges(plan, timeline, ref random);
        }

        return plan;
    }

    private static void ScheduleChanges(RelayPlan plan, SyntheticTimeline timeline, ref SyntheticRandom random)
    {
        double days = timeline.ConsensusHours / 24.0;
        if (random.Chance(RelayTables.AddressChangePerDay * days))
        {
            plan.AddressChange = (RandomOnlineHour(plan, ref random), plan.Country.RandomIpv4(ref random), random.Chance(.8) ? plan.OrPort : OrPort(ref random));
        }
        else if (random.Chance(RelayTables.PortChangePerDay * days))
        {
            plan.AddressChange = (RandomOnlineHour(plan, ref random), plan.Address, OrPort(ref random));
        }

        var newest = RelayTables.Versions.Values[0];
        if (!string.Equals(plan.Version, newest, StringComparison.Ordinal) && random.Chance(RelayTables.UpgradeShare))
        {
            plan.Upgrade = (RandomOnlineHour(plan, ref random), newest);
        }

        if (random.Chance(RelayTables.HibernationSpellShare))
        {
            int from = RandomOnlineHour(plan, ref random);
            plan.Hibernation = (from, from + random.Next(24, 73));
        }

        if (random.Chance(ExtraInfoTables.OverloadGeneralShare))
        {
            plan.OverloadHour = RandomOnlineHour(plan, ref random);
            plan.FdExhausted = random.Chance(ExtraInfoTables.OverloadFdExhaustedShare / ExtraInfoTables.OverloadGeneralShare);
        }
    }

    private static int RandomOnlineHour(RelayPlan plan, ref SyntheticRandom random)
    {
        var spans = plan.Online.Spans;
        if (spans.Count == 0)
        {
            return 0;
        }

        var (from, to) = spans[random.Next(spans.Count)];
        return from + random.Next(Math.Max(1, to - from));
    }

    private static (long Rate, long Burst) Rates(double weight, ref SyntheticRandom random)
    {
        if (random.Chance(RelayTables.UnlimitedRateShare))
        {
            return (RelayTables.UnlimitedRate, RelayTables.UnlimitedRate);
        }

        // A rate below what the relay carries would contradict its weight; such operators raised it.
        var rate = Math.Max((long)RelayTables.LimitedRate.Sample(ref random), (long)(weight * 1000 * 1.2));
        rate = Math.Max(51200, rate / 1024 * 1024);
        var burst = random.Chance(.08) ? rate : (long)(rate * RelayTables.BurstOverRate.Sample(ref random)) / 1024 * 1024;
        return (rate, Math.Max(rate, burst));
    }

    private static int OrPort(ref SyntheticRandom random)
    {
        var port = RelayTables.OrPorts.Pick(ref random);
        return port != 0 ? port : random.Next(1024, 65536);
    }

    private static void AssignFamilies(List<RelayPlan> candidates, ref SyntheticRandom random)
    {
        // Fisher–Yates with the population stream, so families do not depend on list order elsewhere.
        for (int i = candidates.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
        }

        int target = (int)Math.Round(candidates.Count * RelayTables.InFamilyShare);
        int next = 0;
        while (next < target && candidates.Count - next >= 2)
        {
            int size = Math.Min(RelayTables.FamilySizes.Pick(ref random), candidates.Count - next);
            MakeFamily(candidates.GetRange(next, size), ref random);
            next += size;
        }
    }

    private static void MakeFamily(List<RelayPlan> members, ref SyntheticRandom random)
    {
        // One operator: a shared nickname stem and contact, and mostly one hosting country.
        var leader = members[0];
        var stem = random.Chance(.7) ? NameMaker.Capitalized(ref random, random.Next(5, 12)) : null;
        bool includesSelf = random.Chance(RelayTables.FamilyIncludesSelfShare);
        for (int i = 0; i < members.Count; i++)
        {
            var member = members[i];
            if (stem is not null)
            {
                member.Nickname = stem + (i + 1).ToString(CultureInfo.InvariantCulture);
            }

            if (i > 0 && leader.Contact is not null && random.Chance(.9))
            {
                member.Contact = leader.Contact;
            }

            if (i > 0 && random.Chance(.8) && member.Country != leader.Country)
            {
                member.Country = leader.Country;
                member.Address = leader.Country.RandomIpv4(ref random);
                member.Ipv6Address = member.Ipv6Address is null ? null : leader.Country.RandomIpv6(ref random);
            }
        }

        foreach (var member in members)
        {
            var line = new List<string>();
            foreach (var other in members)
            {
                bool self = ReferenceEquals(other, member);

                // A member missing from one line makes that pair one-sided (alleged, not effective).
                if ((self && !includesSelf) || (!self && random.Chance(RelayTables.FamilyOneSidedShare / 2)))
                {
                    continue;
                }

                line.Add("$" + other.Fingerprint);
            }

            member.FamilyLine = line.Count == 0 ? null : [.. line.Order(StringComparer.Ordinal)];
        }
    }
}
