using System.Diagnostics;

namespace TorMetrics.Domain.Import;

/// <summary>
/// Runs a system compression tool (xz, bzip2, zstd) over bytes in memory: no library for them restores from our
/// registry.
/// </summary>
internal static class SystemTool
{
    /// <summary>The tool's output for the input; throws <see cref="InvalidDataException"/> with its message on failure.</summary>
    public static byte[] Pipe(string tool, string[] arguments, byte[] input)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidDataException($"'{tool}' is not installed, so this {tool} data cannot be processed.", e);
        }

        using (process)
        {
            // Write and read concurrently: the tool blocks once its output pipe is full.
            var writer = Task.Run(() =>
            {
                try
                {
                    process.StandardInput.BaseStream.Write(input);
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The tool stopped reading (corrupt input); its exit code says why.
                }
            });
            var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            writer.Wait();
            if (process.ExitCode != 0)
            {
                throw new InvalidDataException($"{tool} failed: {error.Trim()}");
            }

            return output.ToArray();
        }
    }
}
