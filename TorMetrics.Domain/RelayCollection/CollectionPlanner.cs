namespace TorMetrics.Domain.RelayCollection;

/// <summary>
/// Decides what to fetch at a given moment from the archive's state and the voting schedule; no I/O, so it is cheap
/// to ask every second and easy to test. Each wanted document has a window (votes only while voting for their period
/// is under way, the next consensus from its valid-after on, referenced descriptors while they are recent) and a
/// list of servers to try in turn; the retry book says which server is next and whether it is time yet.
/// </summary>
public sealed class CollectionPlanner(CollectionTuning tuning)
{
    public CollectionPlan Plan(
        CollectionState state, IReadOnlyList<DirectoryServer> authorities, RetryBook book, DateTime now)
    {
        var wanted = new List<Wanted>();
        var upcoming = new List<PlannedFetch>();
        var caches = state.Caches;
        if (state.Schedule is not { } schedule)
        {
            // Bootstrap: nothing archived yet, so take whatever consensus is current.
            wanted.Add(Consensus(FetchPurpose.Consensus, null, now, authorities, caches));
            wanted.Add(Consensus(FetchPurpose.ConsensusMicrodesc, null, now, authorities, caches));
        }
        else
        {
            AddVoting(state, schedule, authorities, now, wanted, upcoming);
            AddNextConsensus(state, schedule, authorities, caches, now, wanted, upcoming);
            AddReferenced(state, schedule, authorities, caches, now, wanted);
        }

        book.KeepOnly(wanted.Select(w => w.Key).ToHashSet(StringComparer.Ordinal));
        var due = new List<Wanted>();
        var nextDue = now + tuning.IdleRecheck;
        foreach (var item in wanted)
        {
            var at = Max(item.From, book.NotBefore(item.Key));
            if (item.Until is { } until && now >= until)
            {
                continue;
            }

            if (at <= now)
            {
                due.Add(item);
            }
            else if (item.Until is null || at < item.Until)
            {
                nextDue = Min(nextDue, at);
            }
        }

        foreach (var later in upcoming.Where(u => u.At > now))
        {
            nextDue = Min(nextDue, later.At);
        }

        return new CollectionPlan(Batch(due, book), nextDue, upcoming.OrderBy(u => u.At).ToList());
    }

    private void AddVoting(
        CollectionState state, VotingSchedule schedule, IReadOnlyList<DirectoryServer> authorities, DateTime now,
        List<Wanted> wanted, List<PlannedFetch> upcoming)
    {
        var validAfter = state.VotingValidAfter ?? schedule.VotingValidAfter(now);
        var votesFrom = schedule.VotesPublished(validAfter) + tuning.Settle;
        var signaturesFrom = schedule.SignaturesPublished(validAfter) + tuning.Settle;
        var voters = authorities.Where(a => a.V3Ident is not null && !state.VotesHeld.Contains(a.V3Ident)).ToList();
        if (now < votesFrom)
        {
            upcoming.Add(new PlannedFetch(FetchPurpose.Vote, votesFrom, validAfter, voters.Count));
        }
        else
        {
            // next/<identity> is served by the voter and, once uploaded, by every other authority, until valid-after.
            foreach (var voter in voters)
            {
                wanted.Add(new Wanted("vote-next:" + voter.V3Ident, FetchPurpose.Vote, validAfter, votesFrom, validAfter,
                    [voter, .. authorities.Where(a => a != voter)], "/tor/status-vote/next/" + voter.V3Ident + ".z", null));
            }
        }

        if (state.SignaturesHeld)
        {
            return;
        }

        if (now < signaturesFrom)
        {
            upcoming.Add(new PlannedFetch(FetchPurpose.DetachedSignatures, signaturesFrom, validAfter, 1));
        }
        else
        {
            wanted.Add(new Wanted("signatures:" + Stamp(validAfter), FetchPurpose.DetachedSignatures, validAfter, signaturesFrom, validAfter,
                authorities, "/tor/status-vote/next/consensus-signatures.z", null));
        }
    }

    private void AddNextConsensus(
        CollectionState state, VotingSchedule schedule, IReadOnlyList<DirectoryServer> authorities, IReadOnlyList<DirectoryServer> caches,
        DateTime now, List<Wanted> wanted, List<PlannedFetch> upcoming)
    {
        var next = schedule.NextValidAfter;
        var from = next + tuning.Settle;
        foreach (var (purpose, newest) in new[]
        {
            (FetchPurpose.Consensus, state.NewestNsValidAfter),
            (FetchPurpose.ConsensusMicrodesc, state.NewestMicrodescValidAfter),
        })
        {
            if (newest >= next)
            {
                continue;
            }

            // A flavour that fell behind the other is wanted at once; the next one from its valid-after on.
            var target = newest is null || newest < schedule.ValidAfter ? schedule.ValidAfter : next;
            var at = target == next ? from : now;
            if (at > now)
            {
                upcoming.Add(new PlannedFetch(purpose, at, target, 1));
            }
            else
            {
                wanted.Add(Consensus(purpose, target, at, authorities, caches));
            }
        }
    }

    private void AddReferenced(
        CollectionState state, VotingSchedule schedule, IReadOnlyList<DirectoryServer> authorities, IReadOnlyList<DirectoryServer> caches,
        DateTime now, List<Wanted> wanted)
    {
        // Authorities serve the votes of the current consensus until the next one.
        if (now < schedule.NextValidAfter)
        {
            foreach (var (identity, digest) in state.MissingVotes)
            {
                var voter = authorities.FirstOrDefault(a => a.V3Ident == identity);
                wanted.Add(new Wanted("vote-d:" + digest, FetchPurpose.Vote, schedule.ValidAfter, now, schedule.NextValidAfter,
                    voter is null ? authorities : [voter, .. authorities.Where(a => a != voter)], "/tor/status-vote/current/d/" + digest + ".z", null));
            }
        }

        var descriptorSources = authorities.Concat(caches).ToList();
        foreach (var digest in state.MissingServerDescriptors)
        {
            wanted.Add(new Wanted("server:" + digest, FetchPurpose.ServerDescriptors, null, now, null, descriptorSources, "/tor/server/d/", digest));
        }

        foreach (var digest in state.MissingExtraInfos)
        {
            wanted.Add(new Wanted("extra:" + digest, FetchPurpose.ExtraInfos, null, now, null, descriptorSources, "/tor/extra/d/", digest));
        }

        foreach (var digest in state.MissingMicrodescriptors)
        {
            wanted.Add(new Wanted("micro:" + digest, FetchPurpose.Microdescriptors, null, now, null, descriptorSources, "/tor/micro/d/", digest));
        }

        foreach (var (identity, signingKey) in state.MissingKeyCertificates)
        {
            wanted.Add(new Wanted("cert:" + signingKey, FetchPurpose.KeyCertificates, null, now, null, authorities,
                "/tor/keys/fp-sk/", identity + "-" + signingKey));
        }

        foreach (var (identity, digest) in state.MissingBandwidthFiles)
        {
            // The file an authority votes with is only on that authority, and only until it is rewritten.
            var voter = authorities.Where(a => a.V3Ident == identity).ToList();
            if (voter.Count > 0)
            {
                wanted.Add(new Wanted("bandwidth:" + digest, FetchPurpose.BandwidthFile, schedule.ValidAfter, now, null, voter,
                    "/tor/status-vote/next/bandwidth.z", null));
            }
        }
    }

    private static Wanted Consensus(
        FetchPurpose purpose, DateTime? validAfter, DateTime from, IReadOnlyList<DirectoryServer> authorities, IReadOnlyList<DirectoryServer> caches)
    {
        var path = purpose == FetchPurpose.Consensus ? "/tor/status-vote/current/consensus.z" : "/tor/status-vote/current/consensus-microdesc.z";
        return new Wanted(purpose.Name() + ":" + (validAfter is { } v ? Stamp(v) : "any"), purpose, validAfter, from, null,
            [.. authorities, .. caches], path, null);
    }

    /// <summary>Groups due documents by purpose and next server; digests go into batches of the protocol's limit.</summary>
    private List<FetchRequest> Batch(List<Wanted> due, RetryBook book)
    {
        var requests = new List<FetchRequest>();
        foreach (var group in due.Where(w => w.Sources.Count > 0)
                     .GroupBy(w => (w.Purpose, Source: w.Sources[book.Attempts(w.Key) % w.Sources.Count], w.Digest is null ? w.Key : "")))
        {
            var items = group.ToList();
            var (purpose, source, _) = group.Key;
            if (items[0].Digest is null)
            {
                requests.Add(new FetchRequest(purpose, source, items[0].Path, items[0].ValidAfter, [items[0].Key]) { SourceCount = items[0].Sources.Count });
                continue;
            }

            var limit = purpose == FetchPurpose.Microdescriptors ? tuning.MaxMicrodescriptorsPerRequest : tuning.MaxDigestsPerRequest;
            var separator = purpose == FetchPurpose.Microdescriptors ? "-" : "+";
            foreach (var chunk in items.OrderBy(i => i.Digest, StringComparer.Ordinal).Chunk(limit))
            {
                requests.Add(new FetchRequest(purpose, source, chunk[0].Path + string.Join(separator, chunk.Select(c => c.Digest)) + ".z",
                    null, chunk.Select(c => c.Key).ToList()) { SourceCount = chunk.Max(c => c.Sources.Count) });
            }
        }

        return requests;
    }

    private static string Stamp(DateTime time) => time.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>
    /// One wanted document: its retry-book key, a window (<c>From</c>, and <c>Until</c> unless it is wanted while
    /// referenced), the servers to try in turn, and for batched fetches the digest to append to <c>Path</c>.
    /// </summary>
    private sealed record Wanted(
        string Key, FetchPurpose Purpose, DateTime? ValidAfter, DateTime From, DateTime? Until,
        IReadOnlyList<DirectoryServer> Sources, string Path, string? Digest);
}
