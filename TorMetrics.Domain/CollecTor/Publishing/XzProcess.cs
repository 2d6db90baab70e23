using System.Diagnostics;

namespace TorMetrics.Domain.CollecTor.Publishing;

/// <summary>
/// The system <c>xz</c> compressing a stream (no xz library restores from our registry). Single-threaded, so the same
/// input and preset always give the same bytes: recent files are compressed again on every request and must match
/// the digest index.json lists.
/// </summary>
internal sealed class XzProcess : IAsyncDisposable
{
    /// <summary>Preset for single documents (OnionPerf analyses, web logs); fixed so their files never change.</summary>
    public const string DocumentPreset = "6";

    private readonly Process _process;
    private readonly Task _pump;
    private readonly Task<string> _errors;

    private XzProcess(Process process, Stream output, CancellationToken cancellationToken)
    {
        _process = process;
        _pump = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
        _errors = process.StandardError.ReadToEndAsync(cancellationToken);
    }

    /// <summary>Write the uncompressed bytes here, then call <see cref="CompleteAsync"/>.</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    /// <param name="output">Receives the compressed bytes.</param>
    /// <param name="preset">An xz preset such as <c>9e</c> or <c>6</c>.</param>
    /// <param name="cancellationToken">Stops copying the output.</param>
    public static XzProcess Start(Stream output, string preset, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("xz")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-" + preset, "-T1", "-c", "-q" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            return new XzProcess(Process.Start(start)!, output, cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("'xz' is not installed; CollecTor's archive and .xz files need it.", e);
        }
    }

    public static async Task<byte[]> CompressAsync(byte[] content, string preset, CancellationToken cancellationToken)
    {
        var output = new MemoryStream();
        await using var xz = Start(output, preset, cancellationToken);
        await xz.Input.WriteAsync(content, cancellationToken);
        await xz.CompleteAsync(cancellationToken);
        return output.ToArray();
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        _process.StandardInput.Close();
        await _pump;
        await _process.WaitForExitAsync(cancellationToken);
        var errors = await _errors;
        if (_process.ExitCode != 0)
        {
            throw new IOException($"xz failed (exit {_process.ExitCode}): {errors.Trim()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        await Task.WhenAll(_pump, _errors).ContinueWith(_ => { }, TaskScheduler.Default);
        _process.Dispose();
    }
}
