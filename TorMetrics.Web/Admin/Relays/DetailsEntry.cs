using System.Text.Json;

namespace TorMetrics.Web.Admin.Relays;

/// <summary>
/// A details document member made readable: the pre-rendered <c>"name":value</c> JSON parsed back, arrays and objects
/// as lists of text, and family members that are fingerprints as keys for links to their relay pages.
/// </summary>
public sealed record DetailsEntry(string Name, bool IsList, IReadOnlyList<DetailsValue> Values)
{
    public static IReadOnlyList<DetailsEntry> Read(Domain.Onionoo.OnionooNode node) => [.. node.Details.Select(Read)];

    private static DetailsEntry Read(Domain.Onionoo.DetailsMember member)
    {
        var json = new byte[member.Json.Length + 2];
        json[0] = (byte)'{';
        member.Json.CopyTo(json, 1);
        json[^1] = (byte)'}';
        using var document = JsonDocument.Parse(json);
        var value = document.RootElement.EnumerateObject().First().Value;
        bool family = member.Name.EndsWith("_family", StringComparison.Ordinal);
        return value.ValueKind switch
        {
            JsonValueKind.Array => new DetailsEntry(member.Name, true, [.. value.EnumerateArray().Select(v => Item(v, family))]),
            JsonValueKind.Object => new DetailsEntry(member.Name, true,
                [.. value.EnumerateObject().Select(p => new DetailsValue(p.Name + ": " + Text(p.Value), null))]),
            _ => new DetailsEntry(member.Name, false, [Item(value, family)]),
        };
    }

    private static DetailsValue Item(JsonElement value, bool family)
    {
        var text = Text(value);
        // alleged_family may hold nicknames; only fingerprints can be looked up.
        var key = text.TrimStart('$');
        return new DetailsValue(text, family && key.Length == 40 && key.All(char.IsAsciiHexDigit) ? key.ToUpperInvariant() : null);
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(),
    };
}

/// <summary>One value of a details member; <see cref="RelayKey"/> is set when it names a relay to link to.</summary>
public sealed record DetailsValue(string Text, string? RelayKey);
