using TorMetrics.Web.TestNetwork;

namespace TorMetrics.Tests.Infrastructure;

/// <summary>
/// A test that runs a private Tor network: skipped, with the reason, only when Debian's tor is not installed
/// (scripts/test.sh installs it, so in CI these tests run).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TorFactAttribute : FactAttribute
{
    public TorFactAttribute()
    {
        if (!TorBinaries.Available)
        {
            Skip = TorBinaries.MissingMessage;
        }
    }
}
