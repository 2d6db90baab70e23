using System.Globalization;
using TorMetrics.Domain.Import;

namespace TorMetrics.Web.Cli;

/// <summary>One self-overwriting status line on a terminal; plain lines every few seconds when output is redirected.</summary>
internal sealed class ConsoleProgressBar : IProgress<ImportProgress>
{
    private const int Width = 30;
    private DateTime _lastPlainLine = DateTime.MinValue;

    public void Report(ImportProgress value)
    {
        var fraction = value.BytesTotal > 0 ? Math.Min(1.0, (double)value.BytesRead / value.BytesTotal) : 1.0;
        var filled = (int)(fraction * Width);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', Width - filled)}] {fraction,4:P0} " +
            $"{value.FilesDone}/{value.FilesTotal} files, {value.Documents} docs ({value.DocumentsNew} new, " +
            $"{value.DocumentsUnparseable} unparseable), {value.DocumentsPerSecond:F0} docs/s, {value.MegabytesPerSecond:F1} MB/s");

        if (!Console.IsOutputRedirected)
        {
            Console.Write("\r" + line.PadRight(Math.Max(0, Console.WindowWidth - 1)));
            if (value.FilesDone == value.FilesTotal)
            {
                Console.WriteLine();
            }
        }
        else if (DateTime.UtcNow - _lastPlainLine > TimeSpan.FromSeconds(5) || value.FilesDone == value.FilesTotal)
        {
            _lastPlainLine = DateTime.UtcNow;
            Console.WriteLine(line);
        }
    }
}
