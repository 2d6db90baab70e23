using System.Diagnostics;

namespace TorMetrics.Web.TestNetwork;

/// <summary>Debian's <c>tor</c> and <c>tor-gencert</c> on the PATH (scripts/prerequisites.sh --tor installs them).</summary>
public static class TorBinaries
{
    public static string? Tor => Find("tor");

    public static string? TorGencert => Find("tor-gencert");

    public static bool Available => Tor is not null && TorGencert is not null;

    public const string MissingMessage = "tor and tor-gencert are not installed: run scripts/prerequisites.sh --tor (Debian's tor package).";

    public static string RequireTor() => Tor ?? throw new InvalidOperationException(MissingMessage);

    public static string RequireTorGencert() => TorGencert ?? throw new InvalidOperationException(MissingMessage);

    public static async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunAsync(RequireTor(), ["--version"], null, cancellationToken);
        return exitCode == 0 ? output.Split('\n')[0].Trim() : "unknown";
    }

    /// <summary>Runs a short-lived tool to completion and returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string program, IEnumerable<string> arguments, string? standardInput, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await output) + (await error));
    }

    private static string? Find(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/usr/sbin").Split(':'))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
