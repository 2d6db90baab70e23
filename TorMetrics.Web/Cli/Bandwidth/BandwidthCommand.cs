using System.CommandLine;

namespace TorMetrics.Web.Cli.Bandwidth;

/// <summary>The bandwidth authority's verbs: import a scanner's results, generate the bandwidth file, benchmark it.</summary>
internal static class BandwidthCommand
{
    public static Command Create() =>
        new("bandwidth", "Bandwidth authority: measurements and the bandwidth file for a directory authority.")
        {
            BandwidthImportCommand.Create(),
            BandwidthGenerateCommand.Create(),
            BandwidthBenchmarkCommand.Create(),
        };
}
