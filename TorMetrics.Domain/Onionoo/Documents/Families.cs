using System.Text.RegularExpressions;

namespace TorMetrics.Domain.Onionoo.Documents;

/// <summary>A relay's family as Onionoo reports it: all three sorted, fingerprints without '$'.</summary>
public sealed record Family(IReadOnlyList<string> Alleged, IReadOnlyList<string> Effective, IReadOnlyList<string> Indirect);

/// <summary>
/// Family relations among served relays (protocol §8.4). Declared D(A) is the newest descriptor's family line plus
/// A itself; effective E(A) are the declared members that are served and declare A back; the extended family is
/// A's connected component under that mutual relation; alleged = D − E; indirect = extended − E.
/// </summary>
public static partial class Families
{
    public static Dictionary<string, Family> Resolve(IReadOnlyDictionary<string, IReadOnlyList<string>?> declaredByFingerprint)
    {
        var declared = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (fingerprint, entries) in declaredByFingerprint)
        {
            var set = new HashSet<string>(StringComparer.Ordinal) { fingerprint };
            foreach (var entry in entries ?? [])
            {
                var hex = HexEntry().Match(entry);
                set.Add(hex.Success ? hex.Groups[1].Value.ToUpperInvariant() : entry);
            }

            declared[fingerprint] = set;
        }

        var effective = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (fingerprint, members) in declared)
        {
            effective[fingerprint] = members
                .Where(b => declared.TryGetValue(b, out var back) && back.Contains(fingerprint))
                .ToHashSet(StringComparer.Ordinal);
        }

        var result = new Dictionary<string, Family>(StringComparer.Ordinal);
        foreach (var (fingerprint, members) in declared)
        {
            var mutual = effective[fingerprint];
            var extended = Component(fingerprint, effective);
            extended.Remove(fingerprint);
            result[fingerprint] = new Family(
                Sorted(members.Except(mutual)),
                Sorted(mutual),
                Sorted(extended.Except(mutual)));
        }

        return result;
    }

    private static HashSet<string> Component(string start, Dictionary<string, HashSet<string>> edges)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var pending = new Stack<string>([start]);
        while (pending.TryPop(out var node))
        {
            foreach (var next in edges[node])
            {
                if (seen.Add(next))
                {
                    pending.Push(next);
                }
            }
        }

        return seen;
    }

    private static string[] Sorted(IEnumerable<string> items) => [.. items.Order(StringComparer.Ordinal)];

    // "$" and 40 hex digits, optionally followed by "=nickname" or "~nickname".
    [GeneratedRegex("^\\$([0-9a-fA-F]{40})(?:[=~].*)?$")]
    private static partial Regex HexEntry();
}
