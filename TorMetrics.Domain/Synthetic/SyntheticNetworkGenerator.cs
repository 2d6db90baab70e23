using System.Diagnostics;
using System.Globalization;
using System.Net;
using TorMetrics.Domain.Synthetic.Tables;
using TorMetrics.Domain.Synthetic.Writing;

namespace TorMetrics.Domain.Synthetic;

/// <summary>
/// Builds a synthetic Tor network as a CollecTor <c>recent/</c> tree: hourly ns consensuses, server descriptors and
/// extra-infos (republished every 18 hours and on every change), hourly sanitised bridge statuses with bridge
/// descriptors, bridge pool assignments and exit lists. Time runs hour by hour; descriptors are written in
/// publication order into the files of the CollecTor run that would have fetched them, and each consensus names
/// the newest descriptor published before its vote, so every digest resolves.
/// </summary>
public static class SyntheticNetworkGenerator
{
    // Authorities vote at HH:50: descriptors published later count for the consensus after next.
    private static readonly TimeSpan VoteLead = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Republish = TimeSpan.FromHours(18);

    public static SyntheticNetworkReport Generate(SyntheticNetworkOptions options, IProgress<SyntheticProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var recent = PrepareOutput(options);
        var timeline = new SyntheticTimeline(DateTime.SpecifyKind(options.End, DateTimeKind.Utc), options.Days);
        var relays = RelayPopulation.Create(options.Seed, options.Relays, timeline);
        var bridges = BridgePopulation.Create(options.Seed, options.Bridges, timeline);
        var authorities = Authorities(options.Seed, relays);
        var publications = Publications(options.Seed, relays, bridges, timeline);
        var byIdentity = relays.OrderBy(r => r.Fingerprint, StringComparer.Ordinal).ToArray();

        var output = new SyntheticOutput(recent);
        using var serverDescriptors = new RunFileAppender(output, CollecTorRecentLayout.ServerDescriptors, "-server-descriptors", 5, "server-descriptor 1.0");
        using var extraInfos = new RunFileAppender(output, CollecTorRecentLayout.ExtraInfos, "-extra-infos", 5, "extra-info 1.0");
        using var bridgeDescriptors = new RunFileAppender(output, CollecTorRecentLayout.BridgeServerDescriptors, "-server-descriptors", 9, "bridge-server-descriptor 1.2");
        using var bridgeExtraInfos = new RunFileAppender(output, CollecTorRecentLayout.BridgeExtraInfos, "-extra-infos", 9, "bridge-extra-info 1.3");

        var relayCurrent = new PublishedDescriptor?[relays.Count];
        var bridgeCurrent = new PublishedBridgeDescriptor?[bridges.Count];
        var lastListed = new DateTime?[relays.Count];
        var listedEver = new bool[relays.Count];
        var bridgeListedEver = new bool[bridges.Count];
        int next = 0, consensuses = 0, statuses = 0, pools = 0, exitLists = 0;
        var consensusRandom = new SyntheticRandom(options.Seed, SyntheticStreams.Consensus);

        for (int hour = 0; hour < timeline.Hours; hour++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var validAfter = timeline.At(hour);
            for (; next < publications.Count && publications[next].Time < validAfter - VoteLead; next++)
            {
                var p = publications[next];
                if (p.Bridge)
                {
                    var bridge = bridges[p.Index];
                    var random = new SyntheticRandom(options.Seed, SyntheticStreams.BridgeDescriptor, ((ulong)p.Index << 16) | (uint)p.Sequence);
                    var extra = BridgeDocumentText.ExtraInfo(bridge, p.Time, ref random);
                    var (server, published) = BridgeDocumentText.ServerDescriptor(bridge, p.Time, BridgeRestart(bridge, timeline, hour: timeline.HourOf(p.Time)), extra, options.Seed, ref random);
                    bridgeExtraInfos.Append(p.Time, extra.Bytes);
                    bridgeDescriptors.Append(p.Time, server.Bytes);
                    bridgeCurrent[p.Index] = published;
                }
                else
                {
                    var relay = relays[p.Index];
                    var random = new SyntheticRandom(options.Seed, SyntheticStreams.RelayDescriptor, ((ulong)p.Index << 16) | (uint)p.Sequence);
                    var state = RelayState.At(relay, timeline, p.Time, p.Sequence);
                    var extra = RelayDescriptorText.ExtraInfo(relay, state, ref random);
                    var server = RelayDescriptorText.ServerDescriptor(relay, state, extra, ref random);
                    extraInfos.Append(p.Time, extra.Bytes);
                    serverDescriptors.Append(p.Time, server.Bytes);
                    relayCurrent[p.Index] = new PublishedDescriptor(server.Sha1, extra.Sha1, state);
                }
            }

            if (timeline.IsConsensusHour(hour))
            {
                var entries = ConsensusEntries(byIdentity, relayCurrent, hour);
                foreach (var entry in entries)
                {
                    lastListed[entry.Relay.Index] = validAfter;
                    listedEver[entry.Relay.Index] = true;
                }

                output.Write(CollecTorRecentLayout.Consensuses, CollecTorRecentLayout.Stamp(validAfter) + "-consensus",
                    [.. "@type network-status-consensus-3 1.0\n"u8, .. ConsensusText.Write(validAfter, authorities, entries, ref consensusRandom)]);
                consensuses++;

                var downloaded = validAfter.AddMinutes(2);
                output.Write(CollecTorRecentLayout.ExitLists, CollecTorRecentLayout.Stamp(downloaded),
                    ExitListText.Write(downloaded, ExitListEntries(relays, relayCurrent, lastListed, downloaded, hour)));
                exitLists++;

                if (bridges.Count > 0)
                {
                    var published = validAfter.AddMinutes(28).AddSeconds((hour * 37) % 120);
                    var listed = BridgeStatusEntries(bridges, bridgeCurrent, hour, published).ToList();
                    foreach (var (bridge, _, _) in listed)
                    {
                        bridgeListedEver[bridge.Index] = true;
                    }

                    output.Write(CollecTorRecentLayout.BridgeStatuses, CollecTorRecentLayout.BridgeStatusName(published, BridgeDocumentText.AuthorityFingerprint),
                        BridgeDocumentText.Status(published, listed));
                    statuses++;

                    var assigned = validAfter.AddMinutes(33);
                    output.Write(CollecTorRecentLayout.PoolAssignments, CollecTorRecentLayout.Stamp(assigned),
                        BridgeDocumentText.PoolAssignment(assigned, listed.Select(l => l.Bridge)));
                    pools++;
                }
            }

            progress?.Report(new SyntheticProgress(hour + 1, timeline.Hours, output.Files, output.Bytes, stopwatch.Elapsed));
        }

        serverDescriptors.Close();
        extraInfos.Close();
        bridgeDescriptors.Close();
        bridgeExtraInfos.Close();
        return new SyntheticNetworkReport(recent, consensuses, serverDescriptors.Documents, extraInfos.Documents, statuses,
            bridgeDescriptors.Documents, bridgeExtraInfos.Documents, pools, exitLists, listedEver.Count(l => l),
            bridgeListedEver.Count(l => l), output.Files, output.Bytes, stopwatch.Elapsed);
    }

    private static string PrepareOutput(SyntheticNetworkOptions options)
    {
        var recent = Path.Combine(Path.GetFullPath(options.OutputDirectory), "recent");
        if (Directory.Exists(recent) && Directory.EnumerateFileSystemEntries(recent).Any())
        {
            if (!options.Overwrite)
            {
                throw new IOException($"{recent} already exists and is not empty; choose another output directory or pass --overwrite.");
            }

            Directory.Delete(recent, recursive: true);
        }

        Directory.CreateDirectory(recent);
        return recent;
    }

    private static List<ConsensusEntry> ConsensusEntries(RelayPlan[] byIdentity, PublishedDescriptor?[] current, int hour)
    {
        var entries = new List<ConsensusEntry>(byIdentity.Length);
        foreach (var relay in byIdentity)
        {
            // Listed once reachable for an hour, while not hibernating, with a descriptor the authorities hold.
            if (current[relay.Index] is not { } descriptor || !relay.Online.IsOnline(hour) || !relay.Online.IsOnline(hour - 1)
                || relay.IsHibernating(hour))
            {
                continue;
            }

            int age = relay.JoinHour < 0 ? int.MaxValue : hour - relay.JoinHour;
            bool unmeasured = relay.IsAuthority || age < relay.UnmeasuredHours;
            long weight = unmeasured ? 20 : Weight(relay, hour);
            entries.Add(new ConsensusEntry(relay, descriptor, Flags(relay, age), weight, unmeasured));
        }

        return entries;
    }

    /// <summary>
    /// The relay's flags at an age in hours: new relays earn Stable after a day and Guard and HSDir after four days
    /// (tor's thresholds are about that), so joiners during the period come in without them.
    /// </summary>
    private static List<string> Flags(RelayPlan relay, int age)
    {
        var flags = new List<string>(relay.Profile.Flags.Length + 2) { "Running", "Valid" };
        foreach (var flag in relay.Profile.Flags)
        {
            bool young = flag switch
            {
                "Stable" => age < 24,
                "Guard" or "HSDir" => age < 96,
                _ => false,
            };
            if (!young)
            {
                flags.Add(flag);
            }
        }

        flags.Sort(StringComparer.Ordinal);
        return flags;
    }

    /// <summary>Weight with a daily swing and a 6-hour step, rounded to two significant digits as bandwidth files are.</summary>
    private static long Weight(RelayPlan relay, int hour)
    {
        var swing = 1 + (0.1 * Math.Sin(2 * Math.PI * ((hour / 24.0) + relay.WeightPhase)));
        var step = RelayDescriptorText.Noise(relay.Index, DateTime.UnixEpoch.AddHours(hour / 6 * 6), 5);
        var value = relay.BaseWeight * swing * (0.85 + (0.25 * step));
        if (value < 100)
        {
            return Math.Max(1, (long)Math.Round(value));
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)) - 1);
        return (long)(Math.Round(value / magnitude) * magnitude);
    }

    private static List<ExitListEntry> ExitListEntries(List<RelayPlan> relays, PublishedDescriptor?[] current, DateTime?[] lastListed, DateTime downloaded, int hour)
    {
        var entries = new List<ExitListEntry>();
        foreach (var relay in relays)
        {
            if (!relay.Profile.Has("Exit") || relay.Profile.Has("BadExit") || current[relay.Index] is not { } descriptor
                || lastListed[relay.Index] is not { } listed || downloaded - listed > TimeSpan.FromHours(24))
            {
                continue;
            }

            // Every twentieth exit leaves the network from a neighbouring address (assumed share).
            var address = relay.Index % 20 == 7 ? Neighbour(descriptor.State.Address) : descriptor.State.Address;
            var scanned = downloaded.AddMinutes(-(20 + (((relay.Index * 7919) + (hour * 131)) % 1380)));
            if (scanned < descriptor.State.Published)
            {
                scanned = descriptor.State.Published.AddMinutes(5) < downloaded ? descriptor.State.Published.AddMinutes(5) : downloaded;
            }

            // TorDNSEL notes a relay as listed shortly after each consensus, before the list is downloaded at HH:02.
            entries.Add(new ExitListEntry(relay.Fingerprint, descriptor.State.Published, listed.AddMinutes(1).AddSeconds(53), address, scanned));
        }

        return entries;
    }

    private static string Neighbour(string address)
    {
        var bytes = IPAddress.Parse(address).GetAddressBytes();
        bytes[3] = (byte)(bytes[3] is 254 or 255 ? 1 : bytes[3] + 1);
        return new IPAddress(bytes).ToString();
    }

    private static IEnumerable<(BridgePlan Bridge, PublishedBridgeDescriptor Descriptor, bool Running)> BridgeStatusEntries(
        List<BridgePlan> bridges, PublishedBridgeDescriptor?[] current, int hour, DateTime published)
    {
        foreach (var bridge in bridges)
        {
            // The bridge authority lists a bridge while it holds a descriptor younger than two days.
            if (current[bridge.Index] is { } descriptor && hour < bridge.LeaveHour && published - descriptor.Published < TimeSpan.FromHours(48))
            {
                yield return (bridge, descriptor, bridge.Online.IsOnline(hour));
            }
        }
    }

    private static DateTime BridgeRestart(BridgePlan bridge, SyntheticTimeline timeline, int hour)
    {
        foreach (var (from, to) in bridge.Online.Spans)
        {
            if (hour >= from && hour < to && (from > 0 || bridge.JoinHour >= 0))
            {
                return timeline.At(from);
            }
        }

        return bridge.EarlierRestart;
    }

    private static List<DirectoryAuthority> Authorities(ulong seed, List<RelayPlan> relays)
    {
        var random = new SyntheticRandom(seed, SyntheticStreams.Authority);
        var list = new List<DirectoryAuthority>(ConsensusHeaderTable.Authorities);
        for (int i = 0; i < ConsensusHeaderTable.Authorities; i++)
        {
            var name = "synthauth" + (i + 1).ToString(CultureInfo.InvariantCulture);
            var address = i < relays.Count && relays[i].IsAuthority ? relays[i].Address : CountryTable.Countries.Pick(ref random).RandomIpv4(ref random);
            list.Add(new DirectoryAuthority(name, Convert.ToHexString(random.NextBytes(20)), address,
                "Synthetic directory authority " + (i + 1).ToString(CultureInfo.InvariantCulture), Convert.ToHexString(random.NextBytes(20))));
        }

        return list;
    }

    private sealed record Publication(DateTime Time, bool Bridge, int Index, int Sequence);

    /// <summary>
    /// Every descriptor publication of the period, in time order: at each start (restart), every 18 hours while up,
    /// and at each change a relay announces (address or port, upgrade, hibernation start and end, overload).
    /// </summary>
    private static List<Publication> Publications(ulong seed, List<RelayPlan> relays, List<BridgePlan> bridges, SyntheticTimeline timeline)
    {
        var all = new List<Publication>(relays.Count * 14);
        foreach (var relay in relays)
        {
            var random = new SyntheticRandom(seed, SyntheticStreams.Noise, (ulong)relay.Index);
            var changes = new List<int>();
            if (relay.AddressChange is { } a)
            {
                changes.Add(a.Hour);
            }

            if (relay.Upgrade is { } u)
            {
                changes.Add(u.Hour);
            }

            if (relay.Hibernation is { } h)
            {
                changes.Add(h.From);
                changes.Add(h.To);
            }

            if (relay.OverloadHour is { } o)
            {
                changes.Add(o);
            }

            AddPublications(all, false, relay.Index, relay.Online, relay.JoinHour < 0, changes, timeline, ref random);
        }

        foreach (var bridge in bridges)
        {
            var random = new SyntheticRandom(seed, SyntheticStreams.Noise, (ulong)(1_000_000 + bridge.Index));
            AddPublications(all, true, bridge.Index, bridge.Online, bridge.JoinHour < 0, [], timeline, ref random);
        }

        all.Sort((x, y) => x.Time != y.Time ? x.Time.CompareTo(y.Time) : x.Bridge != y.Bridge ? x.Bridge.CompareTo(y.Bridge) : x.Index.CompareTo(y.Index));
        return all;
    }

    private static void AddPublications(
        List<Publication> all, bool bridge, int index, OnlineSpans online, bool earlier, List<int> changes, SyntheticTimeline timeline, ref SyntheticRandom random)
    {
        int sequence = 0;
        var changeTimes = new List<DateTime>(changes.Count);
        foreach (var change in changes)
        {
            changeTimes.Add(timeline.At(change).AddSeconds(random.Next(30, 2400)));
        }

        changeTimes.Sort();
        foreach (var (from, to) in online.Spans)
        {
            var end = timeline.At(to);

            // A relay up before the period published last somewhere in the 18 hours before hour 0 + phase.
            var time = from == 0 && earlier
                ? timeline.Start.AddSeconds(random.Next((int)Republish.TotalSeconds))
                : timeline.At(from).AddSeconds(random.Next(60, 3000));
            while (time < end)
            {
                all.Add(new Publication(time, bridge, index, sequence++));
                var periodic = time + Republish;
                var change = changeTimes.FirstOrDefault(c => c > time, DateTime.MaxValue);
                time = periodic < change ? periodic : change;
            }
        }
    }
}
