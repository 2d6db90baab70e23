using Microsoft.Extensions.Options;

namespace TorMetrics.Web.Identity;

internal sealed partial class InitialAdminSeeder(
    IServiceScopeFactory scopes,
    IOptions<InitialAdminOptions> options,
    ILogger<InitialAdminSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (email, password) = (options.Value.InitialEmail, options.Value.InitialPassword);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return;
        }

        using var scope = scopes.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AdminAccounts>();
        if (accounts.Any())
        {
            return;
        }

        var result = await accounts.CreateAsync(email, password);
        if (result.Succeeded)
        {
            LogCreated(email);
        }
        else
        {
            LogFailed(email, string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first operator account {Email}")]
    private partial void LogCreated(string email);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not create the first operator account {Email}: {Errors}")]
    private partial void LogFailed(string email, string errors);
}
