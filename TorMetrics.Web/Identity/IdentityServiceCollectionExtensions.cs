using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;
using Microsoft.EntityFrameworkCore;

namespace TorMetrics.Web.Identity;

public static class IdentityServiceCollectionExtensions
{
    public static IServiceCollection AddTorMetricsIdentity(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<AdminIdentityDbContext>(o => o.UseNpgsql(connectionString));
        services.AddDataProtection().SetApplicationName("TorMetrics");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<NpgsqlDataSource>())));
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.LogoutPath = "/account/logout";
            o.Cookie.Name = "tormetrics.admin";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);

            // API clients get a status code, not a redirect to an HTML login page.
            o.Events.OnRedirectToLogin = context => RejectApiOr(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RejectApiOr(context, StatusCodes.Status403Forbidden);
        });
        services.AddIdentityCore<AdminUser>(o =>
            {
                // Length is what makes a password strong; composition rules only make people write them down.
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireDigit = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<AdminIdentityDbContext>()
            .AddSignInManager();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AdminAccounts>();
        services.AddOptions<InitialAdminOptions>().BindConfiguration(InitialAdminOptions.SectionName);
        services.AddHostedService<InitialAdminSeeder>();
        return services;
    }

    private static Task RejectApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || context.Request.Headers.ContainsKey("HX-Request"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
