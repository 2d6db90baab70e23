namespace TorMetrics.Domain.Descriptors.ExitLists;

/// <summary>
/// One TorDNSEL exit list (torspec exit-list format, CollecTor <c>@type tordnsel 1.0</c>): the
/// addresses check.torproject.org saw connections come from when it exited through each relay.
/// CollecTor prepends its own <c>Downloaded</c> line to the body it fetched.
/// </summary>
public sealed record ExitList : Descriptor
{
    /// <summary>When CollecTor downloaded the list; null for a bare list fetched from the exit-list service.</summary>
    public DateTime? Downloaded { get; init; }

    /// <summary>One entry per <c>ExitNode</c> block, in file order.</summary>
    public IReadOnlyList<ExitListEntry> Entries { get; init; } = [];

    /// <summary>Header lines before the first <c>ExitNode</c> that we do not know, verbatim.</summary>
    public IReadOnlyList<string> UnrecognizedLines { get; init; } = [];
}

/// <summary>An <c>ExitNode</c> block.</summary>
public sealed record ExitListEntry
{
    /// <summary>40 upper-case hex characters.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Publication time of the relay's newest server descriptor known when it was tested.</summary>
    public required DateTime Published { get; init; }

    /// <summary>The last time the relay appeared in a network status.</summary>
    public required DateTime LastStatus { get; init; }

    /// <summary>Observed exit addresses (one or more), oldest test first as written.</summary>
    public IReadOnlyList<ExitAddress> ExitAddresses { get; init; } = [];

    public IReadOnlyList<string> UnrecognizedLines { get; init; } = [];

    /// <summary>1-based line number of the <c>ExitNode</c> line.</summary>
    public required int LineNumber { get; init; }
}

/// <summary><c>ExitAddress IP date time</c>: an address seen, and when the test that saw it ran.</summary>
public sealed record ExitAddress(string Address, DateTime Scanned);
