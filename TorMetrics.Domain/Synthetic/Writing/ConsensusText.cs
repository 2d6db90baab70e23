using System.Globalization;
using System.Text;
using TorMetrics.Domain.Synthetic.Tables;

namespace TorMetrics.Domain.Synthetic.Writing;

/// <summary>One relay's line group in a consensus, as the authorities would have voted it.</summary>
public sealed record ConsensusEntry(
    RelayPlan Relay,
    PublishedDescriptor Descriptor,
    IReadOnlyList<string> Flags,
    long Weight,
    bool Unmeasured);

/// <summary>A synthetic directory authority of the consensus header.</summary>
public sealed record DirectoryAuthority(string Nickname, string Identity, string Address, string Contact, string SigningKeyDigest);

/// <summary>Writes an unflavoured ("ns") consensus (dir-spec §3.4.1) with entries sorted by identity.</summary>
public static class ConsensusText
{
    public static byte[] Write(DateTime validAfter, IReadOnlyList<DirectoryAuthority> authorities, IReadOnlyList<ConsensusEntry> entries, ref SyntheticRandom random)
    {
        var text = new StringBuilder(400 + (entries.Count * 420));
        text.Append("network-status-version 3\nvote-status consensus\n")
            .Append(CultureInfo.InvariantCulture, $"consensus-method {ConsensusHeaderTable.ConsensusMethod}\n")
            .Append("valid-after ").Append(RelayDescriptorText.Time(validAfter)).Append('\n')
            .Append("fresh-until ").Append(RelayDescriptorText.Time(validAfter.AddHours(1))).Append('\n')
            .Append("valid-until ").Append(RelayDescriptorText.Time(validAfter.AddHours(3))).Append('\n')
            .Append("voting-delay 300 300\n")
            .Append("client-versions ").Append(ConsensusHeaderTable.ClientVersions).Append('\n')
            .Append("server-versions ").Append(ConsensusHeaderTable.ServerVersions).Append('\n')
            .Append("known-flags ").Append(ConsensusHeaderTable.KnownFlags).Append('\n')
            .Append("recommended-client-protocols ").Append(ConsensusHeaderTable.RecommendedClientProtocols).Append('\n')
            .Append("recommended-relay-protocols ").Append(ConsensusHeaderTable.RecommendedRelayProtocols).Append('\n')
            .Append("required-client-protocols ").Append(ConsensusHeaderTable.RequiredClientProtocols).Append('\n')
            .Append("required-relay-protocols ").Append(ConsensusHeaderTable.RequiredRelayProtocols).Append('\n')
            .Append("params ").Append(ConsensusHeaderTable.Params).Append('\n');
        SharedRandom(text, "shared-rand-previous-value", validAfter.Date.AddDays(-1));
        SharedRandom(text, "shared-rand-current-value", validAfter.Date);
        Span<byte> digest = stackalloc byte[20];
        foreach (var authority in authorities)
        {
            random.NextBytes(digest);
            text.Append(CultureInfo.InvariantCulture,
                    $"dir-source {authority.Nickname} {authority.Identity} {authority.Address} {authority.Address} 80 443\n")
                .Append("contact ").Append(authority.Contact).Append('\n')
                .Append("vote-digest ").Append(Convert.ToHexString(digest)).Append('\n');
        }

        double g = 0, m = 0, e = 0, d = 0;
        foreach (var entry in entries)
        {
            var relay = entry.Relay;
            var descriptor = entry.Descriptor;
            text.Append("r ").Append(relay.Nickname).Append(' ').Append(FakeKeys.Base64Unpadded(relay.Identity)).Append(' ')
                .Append(FakeKeys.Base64Unpadded(descriptor.Sha1)).Append(' ').Append(RelayDescriptorText.Time(descriptor.State.Published)).Append(' ')
                .Append(descriptor.State.Address)
                .Append(CultureInfo.InvariantCulture, $" {descriptor.State.OrPort} {relay.DirPort}\n");
            if (relay.Ipv6Address is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"a [{relay.Ipv6Address}]:{descriptor.State.OrPort}\n");
            }

            text.Append("s ").AppendJoin(' ', entry.Flags).Append('\n')
                .Append("v Tor ").Append(descriptor.State.Version).Append('\n')
                .Append("pr ").Append(RelayTables.Protocols).Append('\n')
                .Append(CultureInfo.InvariantCulture, $"w Bandwidth={entry.Weight}")
                .Append(entry.Unmeasured ? " Unmeasured=1\n" : "\n")
                .Append("p ").Append(relay.Policy.Summary).Append('\n');

            bool guard = entry.Flags.Contains("Guard");
            bool exit = entry.Flags.Contains("Exit") && !entry.Flags.Contains("BadExit");
            _ = (guard, exit) switch
            {
                (true, true) => d += entry.Weight,
                (true, false) => g += entry.Weight,
                (false, true) => e += entry.Weight,
                _ => m += entry.Weight,
            };
        }

        text.Append("directory-footer\nbandwidth-weights ")
            .AppendJoin(' ', BandwidthWeights.Compute(g, m, e, d).Select(w => w.Key + "=" + w.Value.ToString(CultureInfo.InvariantCulture)))
            .Append('\n');
        foreach (var authority in authorities)
        {
            text.Append("directory-signature ").Append(authority.Identity).Append(' ').Append(authority.SigningKeyDigest).Append('\n');
            FakeKeys.AppendSignature(text, 256, ref random);
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static void SharedRandom(StringBuilder text, string keyword, DateTime day)
    {
        var random = new SyntheticRandom((ulong)day.Ticks, SyntheticStreams.Consensus);
        text.Append(keyword).Append(" 9 ").Append(Convert.ToBase64String(random.NextBytes(32))).Append('\n');
    }
}
