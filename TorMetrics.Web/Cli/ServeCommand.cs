using System.CommandLine;
using TorMetrics.Web.Hosting;

namespace TorMetrics.Web.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var hostArgs = new Argument<string[]>("host-options")
        {
            Description = "ASP.NET Core host options, e.g. --urls http://127.0.0.1:5000",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("serve", "Run the web app: REST API, Swagger, admin UI and scheduled jobs.") { hostArgs };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, _) => ServeAsync([.. parse.GetValue(hostArgs) ?? [], .. parse.UnmatchedTokens]));
        return command;
    }

    public static async Task<int> ServeAsync(string[] hostArgs)
    {
        var app = TorMetricsWebApplication.Build(hostArgs);
        await app.RunAsync();
        return 0;
    }
}
