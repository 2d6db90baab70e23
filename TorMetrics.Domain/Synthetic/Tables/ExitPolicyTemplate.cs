namespace TorMetrics.Domain.Synthetic.Tables;

/// <summary>
/// An exit policy as a consensus summarises it (<c>p</c> line) and the descriptor lines that produce that summary.
/// Accept-lists become <c>accept *:port</c> lines closed by <c>reject *:*</c>; reject-lists become
/// <c>reject *:port</c> lines closed by <c>accept *:*</c>; both start by rejecting private networks and the relay's
/// own address, as tor's ExitPolicyRejectPrivate does.
/// </summary>
public sealed record ExitPolicyTemplate(string Summary)
{
    private static readonly string[] PrivateRejects =
    [
        "reject 0.0.0.0/8:*", "reject 169.254.0.0/16:*", "reject 127.0.0.0/8:*", "reject 192.168.0.0/16:*",
        "reject 10.0.0.0/8:*", "reject 172.16.0.0/12:*",
    ];

    public bool IsExit => !string.Equals(Summary, "reject 1-65535", StringComparison.Ordinal);

    /// <summary>The descriptor's policy lines for a relay at <paramref name="address"/>.</summary>
    public IEnumerable<string> Lines(string address)
    {
        if (!IsExit)
        {
            yield return "reject *:*";
            yield break;
        }

        foreach (var line in PrivateRejects)
        {
            yield return line;
        }

        yield return "reject " + address + ":*";
        bool accept = Summary.StartsWith("accept ", StringComparison.Ordinal);
        var ports = Summary[(Summary.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        if (string.Equals(ports, "1-65535", StringComparison.Ordinal))
        {
            yield return "accept *:*";
            yield break;
        }

        foreach (var range in ports.Split(','))
        {
            yield return (accept ? "accept *:" : "reject *:") + range;
        }

        yield return accept ? "reject *:*" : "accept *:*";
    }
}
