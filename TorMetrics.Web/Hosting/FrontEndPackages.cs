using Microsoft.Extensions.FileProviders;

namespace TorMetrics.Web.Hosting;

/// <summary>
/// htmx and ECharts come from npm (<c>package.json</c>; the run and test scripts install them) and are served
/// straight from <c>node_modules</c>, so no third-party file is ever committed.
/// </summary>
public static class FrontEndPackages
{
    private static readonly (string RequestPath, string PackageDirectory)[] Packages =
    [
        ("/lib/htmx", "htmx.org/dist"),
        ("/lib/echarts", "echarts/dist"),
    ];

    public static WebApplication UseFrontEndPackages(this WebApplication app)
    {
        var nodeModules = Path.Combine(app.Environment.ContentRootPath, "node_modules");
        foreach (var (requestPath, packageDirectory) in Packages)
        {
            var directory = Path.Combine(nodeModules, packageDirectory);
            if (!Directory.Exists(directory))
            {
                app.Logger.LogWarning(
                    "Front-end package folder {Directory} is missing; run 'npm ci' in TorMetrics.Web (the scripts do).",
                    directory);
                continue;
            }

            app.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = requestPath,
                FileProvider = new PhysicalFileProvider(directory),
            });
        }

        return app;
    }
}
