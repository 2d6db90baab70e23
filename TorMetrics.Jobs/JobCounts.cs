namespace TorMetrics.Jobs;

/// <summary>What a job did, as named counts; a job sets it as <c>context.Result</c> and the listener records it.</summary>
public sealed class JobCounts : Dictionary<string, long>
{
    public JobCounts()
        : base(StringComparer.Ordinal)
    {
    }
}
