using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace TorMetrics.Web.Hosting;

/// <summary>
/// The repository-root <c>appsettings.json</c> is copied next to the executable. It is inserted first, so
/// environment variables and command-line options still override it.
/// </summary>
public static class AppSettings
{
    public static void AddSharedFile(IConfigurationBuilder configuration)
    {
        var source = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        configuration.Sources.Insert(0, source);
    }
}
