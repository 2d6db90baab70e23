using System.CommandLine;
using TorMetrics.Web.Hosting;

namespace TorMetrics.Web.Cli;

/// <summary>
/// One executable, several verbs. With no verb (or only host options such as <c>--urls</c>) it serves,
/// which is also how test hosts start it.
/// </summary>
public static class TorMetricsCli
{
    private static readonly IReadOnlyList<Command> Verbs =
    [
        ServeCommand.Create(),
        MigrateCommand.Create(),
        UserCommand.Create(),
        ImportCommand.Create(),
        ParseCommand.Create(),
        ReparseCommand.Create(),
        BenchmarkCommand.Create(),
        Bandwidth.BandwidthCommand.Create(),
        Onionoo.OnionooCommand.Create(),
        Synthesize.SynthesizeCommand.Create(),
        CollecTor.CollecTorCommand.Create(),
        TestNetCommand.Create(),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal) && args[0] is not ("--help" or "--version"))
        {
            return await ServeCommand.ServeAsync(args);
        }

        var root = new RootCommand("TorMetrics: collects, archives and serves Tor network metrics.");
        foreach (var verb in Verbs)
        {
            root.Add(verb);
        }

        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>Configuration for verbs that do not start the web host: the same sources, in the same order.</summary>
    internal static IConfiguration LoadConfiguration(string[] hostArgs)
    {
        var builder = WebApplication.CreateSlimBuilder(hostArgs);
        AppSettings.AddSharedFile(builder.Configuration);
        return builder.Configuration;
    }
}
