using TorMetrics.Domain.RelayCollection;

namespace TorMetrics.Jobs.RelayCollection;

/// <summary>What one collection run did, and when the planner wants to run next.</summary>
public sealed record CollectionRunReport(
    bool Configured,
    int Rounds,
    int Requests,
    int Succeeded,
    long Bytes,
    long DocumentsNew,
    long DocumentsUnparseable,
    DateTime NextDue,
    CollectionPlan? LastPlan);
