using TorMetrics.Web.Api.CollecTor;
using TorMetrics.Web.Api.Jobs;

namespace TorMetrics.Web.Api;

public static class ApiEndpoints
{
    public static WebApplication MapTorMetricsApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o => o.DocumentTitle = "TorMetrics API");
        app.MapJobEndpoints();
        app.MapCollecTorEndpoints();
        return app;
    }
}
