using TorMetrics.Domain.Data;
using TorMetrics.Jobs;
using TorMetrics.Jobs.Bandwidth;
using TorMetrics.Jobs.Onionoo;
using TorMetrics.Jobs.CollecTor;
using TorMetrics.Jobs.RelayCollection;
using TorMetrics.Web.Admin;
using TorMetrics.Web.Api;
using TorMetrics.Web.Components;
using TorMetrics.Web.Health;
using TorMetrics.Web.Identity;
using TorMetrics.Web.Onionoo;

namespace TorMetrics.Web.Hosting;

/// <summary>Wiring only: each area registers and maps itself.</summary>
public static class TorMetricsWebApplication
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        AppSettings.AddSharedFile(builder.Configuration);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
        });

        var connectionString = ConnectionStrings.Resolve(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Registered first so that migrations finish before Quartz validates its tables.
        builder.Services.AddHostedService<MigrationHostedService>();
        builder.Services.AddTorMetricsData(connectionString);
        builder.Services.AddTorMetricsIdentity(connectionString);
        builder.Services.AddTorMetricsJobs(builder.Configuration, connectionString);
        builder.Services.AddTorMetricsBandwidth();
        builder.Services.AddTorMetricsOnionooUpdater();
        builder.Services.AddTorMetricsOnionooService();
        builder.Services.AddOnionooEnrichment(builder.Configuration);
        builder.Services.AddTorMetricsCollecTorServing();
        builder.Services.AddTorMetricsRelayCollection();
        builder.Services.AddTorMetricsApi();
        builder.Services.AddTorMetricsHealth();
        builder.Services.AddRazorComponents();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseFrontEndPackages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapTorMetricsApi();
        app.MapTorMetricsHealth();
        app.MapOnionooEndpoints();
        app.MapAccountEndpoints();
        app.MapAdminEndpoints();
        app.MapRazorComponents<App>();
        return app;
    }
}
