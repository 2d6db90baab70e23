using System.CommandLine;

namespace TorMetrics.Web.Cli.Synthesize;

/// <summary>Synthetic data for demos and benchmarks.</summary>
internal static class SynthesizeCommand
{
    public static Command Create() =>
        new("synthesize", "Generate synthetic Tor data modelled on real samples, for demos and benchmarks.")
        {
            SynthesizeNetworkCommand.Create(),
        };
}
