using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace TorMetrics.Web.TestNetwork;

/// <summary>
/// Starts tor daemons and signals them by the pid each one recorded, never by name: a signal is sent only while
/// <c>/proc/&lt;pid&gt;/cmdline</c> still names that node's torrc, so a recycled pid or another network's tor is never hit.
/// </summary>
public static class TorProcesses
{
    private const int SigHup = 1;
    private const int SigKill = 9;
    private const int SigTerm = 15;

    /// <summary>Starts a node; with <c>RunAsDaemon 1</c> tor returns once the daemon runs, non-zero for a bad configuration.</summary>
    public static async Task StartAsync(TestNetworkNode node, string emptyFile, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await TorBinaries.RunAsync(TorBinaries.RequireTor(),
            ["--defaults-torrc", emptyFile, "-f", node.Torrc, "--quiet"], null, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"tor for {node.Nickname} exited with {exitCode}: {output.Trim()} (log: {node.LogFile})"));
        }
    }

    /// <summary>The node's process id, if its pid file names a live process started with its torrc.</summary>
    public static int? RunningPid(TestNetworkNode node)
    {
        if (!File.Exists(node.PidFile)
            || !int.TryParse(File.ReadAllText(node.PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        return IsOurs(pid, node) ? pid : null;
    }

    public static bool Reload(TestNetworkNode node) => RunningPid(node) is { } pid && Kill(pid, SigHup) == 0;

    /// <summary>SIGTERM, then SIGKILL after 5 s: tor 0.4.9 sometimes deadlocks after its clean shutdown.</summary>
    public static async Task<bool> StopAsync(TestNetworkNode node, CancellationToken cancellationToken)
    {
        if (RunningPid(node) is not { } pid)
        {
            return false;
        }

        _ = Kill(pid, SigTerm);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (IsOurs(pid, node))
        {
            if (DateTime.UtcNow > deadline)
            {
                _ = Kill(pid, SigKill);
                deadline = DateTime.UtcNow.AddSeconds(5);
            }

            await Task.Delay(100, cancellationToken);
        }

        return true;
    }

    /// <summary>A zombie's cmdline is empty, so an exited daemon that is not reaped yet no longer counts.</summary>
    private static bool IsOurs(int pid, TestNetworkNode node)
    {
        try
        {
            var cmdline = File.ReadAllBytes(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/cmdline"));
            var arguments = Encoding.UTF8.GetString(cmdline).Split('\0');
            return arguments.Contains(node.Torrc, StringComparer.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    // DllImport rather than LibraryImport: the latter needs unsafe code enabled for the whole project.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
