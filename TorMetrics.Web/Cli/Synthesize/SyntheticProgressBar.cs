using System.Globalization;
using TorMetrics.Domain.Synthetic;

namespace TorMetrics.Web.Cli.Synthesize;

/// <summary>The import progress bar's look for a generation: one self-overwriting line, plain lines when redirected.</summary>
internal sealed class SyntheticProgressBar : IProgress<SyntheticProgress>
{
    private const int Width = 30;
    private DateTime _lastPlainLine = DateTime.MinValue;

    public void Report(SyntheticProgress value)
    {
        var fraction = value.HoursTotal > 0 ? (double)value.HoursDone / value.HoursTotal : 1.0;
        var filled = (int)(fraction * Width);
        var seconds = Math.Max(value.Elapsed.TotalSeconds, 1e-3);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', Width - filled)}] {fraction,4:P0} hour {value.HoursDone}/{value.HoursTotal}, " +
            $"{value.Files} files, {value.Bytes / 1e6:F0} MB, {value.Bytes / 1e6 / seconds:F1} MB/s");
        bool done = value.HoursDone == value.HoursTotal;
        if (!Console.IsOutputRedirected)
        {
            Console.Write("\r" + line.PadRight(Math.Max(0, Console.WindowWidth - 1)));
            if (done)
            {
                Console.WriteLine();
            }
        }
        else if (DateTime.UtcNow - _lastPlainLine > TimeSpan.FromSeconds(5) || done)
        {
            _lastPlainLine = DateTime.UtcNow;
            Console.WriteLine(line);
        }
    }
}
