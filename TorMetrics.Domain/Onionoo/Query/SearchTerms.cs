namespace TorMetrics.Domain.Onionoo.Query;

/// <summary>How one ordinary search term matches a node (protocol §5.3 for relays, §5.4 for bridges).</summary>
public static class SearchTerms
{
    public static bool Matches(OnionooNode node, string term)
    {
        if (term.StartsWith('$'))
        {
            var hex = term[1..].ToUpperInvariant();
            return node.Fingerprint.StartsWith(hex, StringComparison.Ordinal)
                || node.HashedFingerprint.StartsWith(hex, StringComparison.Ordinal);
        }

        var upper = term.ToUpperInvariant();
        if (node.Nickname.Contains(term, StringComparison.OrdinalIgnoreCase)
            || node.Fingerprint.StartsWith(upper, StringComparison.Ordinal)
            || node.HashedFingerprint.StartsWith(upper, StringComparison.Ordinal))
        {
            return true;
        }

        if (node.IsBridge)
        {
            return false;
        }

        if (node.Base64Fingerprint is { } base64 && base64.StartsWith(term, StringComparison.Ordinal))
        {
            return true;
        }

        if (term.Length == 4)
        {
            for (int i = 0; i < 40; i += 4)
            {
                if (string.CompareOrdinal(node.Fingerprint, i, upper, 0, 4) == 0)
                {
                    return true;
                }
            }
        }

        var lower = term.ToLowerInvariant();
        foreach (var address in node.Addresses)
        {
            if (address.StartsWith(lower, StringComparison.Ordinal)
                || (address.Length > 1 && address[0] == '[' && address.AsSpan(1).StartsWith(lower, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
