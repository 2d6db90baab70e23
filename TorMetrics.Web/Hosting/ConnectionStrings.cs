using Microsoft.Extensions.Configuration;
using TorMetrics.Domain.Data;

namespace TorMetrics.Web.Hosting;

public static class ConnectionStrings
{
    public const string Name = "TorMetrics";

    /// <summary>
    /// <c>ConnectionStrings:TorMetrics</c> (e.g. the <c>ConnectionStrings__TorMetrics</c> variable) wins; otherwise the
    /// project's private cluster, if <c>scripts/postgres.sh start</c> has created one.
    /// </summary>
    public static string Resolve(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetConnectionString(Name);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        return LocalCluster.FindConnectionString(contentRoot, Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
            ?? throw new InvalidOperationException(
                "No database configured. Set ConnectionStrings__TorMetrics, or start the project's own cluster with " +
                "'scripts/postgres.sh start' (the README's run command does this).");
    }
}
