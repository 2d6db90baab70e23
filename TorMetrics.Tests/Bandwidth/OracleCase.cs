using System.Globalization;
using TorMetrics.Domain.Bandwidth.Generation;
using TorMetrics.Tests.Descriptors;

namespace TorMetrics.Tests.Bandwidth;

/// <summary>
/// One oracle file and what its name says (oracle-expected/SOURCES.md): which results, which scaling and options,
/// which consensus, whether the scanner state is used, and the frozen clock sbws ran with.
/// </summary>
internal sealed record OracleCase(string Name, string ScannerId, IReadOnlyList<string> Inputs, DateTimeOffset Now, BandwidthGeneratorOptions Options)
{
    public const string Folder = "sbws/oracle-expected";

    public static IEnumerable<string> Names() =>
        SampleFiles.FilesUnder(Folder).Where(f => f.EndsWith(".v3bw", StringComparison.Ordinal))
            .Select(f => Path.GetFileNameWithoutExtension(f));

    public static OracleCase Parse(string name)
    {
        var (scannerId, inputs, consensusDirectory, now, rest) = ResolveInputs(name);
        var options = new BandwidthGeneratorOptions
        {
            ScannerId = scannerId,
            // What sbws 1.9 writes with its default configuration and the oracle's forced version.
            ScannerCountry = "AA",
            DestinationsCountries = "ZZ",
            Software = "sbws",
            SoftwareVersion = "1.9.0",
            ConsensusPath = "none",
        };

        foreach (var token in rest.Split('_'))
        {
            switch (token)
            {
                case "torflow" or "default":
                    break;
                case "sbwsscaling":
                    options.Scaling = BandwidthScaling.Sbws;
                    break;
                case "raw":
                    options.Scaling = BandwidthScaling.Raw;
                    break;
                case "noconsensus":
                    options.ConsensusPath = "none";
                    break;
                case "consensus":
                    options.ConsensusPath = SampleFiles.PathOf(consensusDirectory + "/cached-consensus");
                    break;
                case "oneRelayConsensus":
                    options.ConsensusPath = SampleFiles.PathOf("sbws/synthetic/tor-one-relay-A/cached-consensus");
                    break;
                case "state":
                    inputs = [.. inputs, SampleFiles.PathOf("sbws/sbws-tests/dot-sbws/state.dat")];
                    break;
                case var t when t.StartsWith("round", StringComparison.Ordinal):
                    options.RoundDigits = int.Parse(t["round".Length..], CultureInfo.InvariantCulture);
                    break;
                case var t when t.StartsWith("cap", StringComparison.Ordinal):
                    options.TorflowBwMargin = double.Parse(t["cap".Length..], CultureInfo.InvariantCulture);
                    break;
                case var t when t.StartsWith("away", StringComparison.Ordinal):
                    options.SecsAway = int.Parse(t["away".Length..], CultureInfo.InvariantCulture);
                    break;
                case var t when t.StartsWith("minnum", StringComparison.Ordinal):
                    options.MinNum = int.Parse(t["minnum".Length..], CultureInfo.InvariantCulture);
                    break;
                case "":
                    break;
                default:
                    throw new InvalidOperationException($"{name}: unknown option '{token}' in the oracle file name");
            }
        }

        return new OracleCase(name, scannerId, inputs, now, options);
    }

    private static (string ScannerId, IReadOnlyList<string> Inputs, string ConsensusDirectory, DateTimeOffset Now, string Options) ResolveInputs(string name)
    {
        if (name.StartsWith("dot-sbws-2019-03-25_", StringComparison.Ordinal))
        {
            return ("dot-sbws", [SampleFiles.PathOf("sbws/sbws-tests/dot-sbws/datadir")], "sbws/sbws-tests/dot-sbws/tor",
                DateTimeOffset.FromUnixTimeSeconds(1553522723), name["dot-sbws-2019-03-25_".Length..]);
        }

        if (name.StartsWith("synthetic_", StringComparison.Ordinal))
        {
            return ("synthetic", [SampleFiles.PathOf("sbws/synthetic/results")], "sbws/synthetic/tor",
                DateTimeOffset.FromUnixTimeSeconds(1700100000), name["synthetic_".Length..]);
        }

        // unit-<results file>_<options>: the longest results file name that prefixes the rest.
        var unit = name["unit-".Length..];
        var file = SampleFiles.FilesUnder("sbws/sbws-tests/unit-lib-data")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Where(f => unit.StartsWith(f + "_", StringComparison.Ordinal) || unit == f)
            .MaxBy(f => f.Length) ?? throw new InvalidOperationException($"{name}: no results file matches");
        return ("unit-" + file, [SampleFiles.PathOf($"sbws/sbws-tests/unit-lib-data/{file}.txt")], "",
            DateTimeOffset.FromUnixTimeSeconds(1524100000), unit[file.Length..].TrimStart('_'));
    }
}
