using TorMetrics.Web.Cli;

namespace TorMetrics.Tests.Synthetic;

/// <summary>The <c>synthesize network</c> verb as a user types it.</summary>
public sealed class SynthesizeNetworkCommandTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("tm-synth-cli-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Run_SmallNetwork_WritesRecentTreeAndRefusesASecondTime()
    {
        string[] args = ["synthesize", "network", "--output", _work.FullName, "--relays", "20", "--bridges", "5", "--days", "1", "--end", "2026-11-21T12:00:00Z"];

        Assert.Equal(0, await TorMetricsCli.RunAsync(args));
        Assert.Equal(24, Directory.GetFiles(Path.Combine(_work.FullName, "recent", "relay-descriptors", "consensuses")).Length);
        Assert.Equal(2, await TorMetricsCli.RunAsync(args));
        Assert.Equal(0, await TorMetricsCli.RunAsync([.. args, "--overwrite"]));
    }

    [Theory]
    [InlineData("--relays", "0")]
    [InlineData("--days", "0")]
    [InlineData("--end", "yesterday")]
    public async Task Run_BadOption_ExitCode2(string option, string value)
    {
        string[] args = ["synthesize", "network", "--output", _work.FullName, option, value];

        Assert.Equal(2, await TorMetricsCli.RunAsync(args));
        Assert.False(Directory.Exists(Path.Combine(_work.FullName, "recent")));
    }
}
