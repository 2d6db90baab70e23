using System.Globalization;
using TorMetrics.Domain.CollecTor.Publishing;

namespace TorMetrics.Web.Cli.CollecTor;

/// <summary>One self-overwriting status line per stage on a terminal; plain lines every few seconds when redirected.</summary>
internal sealed class PublicationProgressBar : IProgress<PublicationProgress>
{
    private const int Width = 30;
    private string? _stage;
    private DateTime _lastPlainLine = DateTime.MinValue;

    /// <summary>Ends the status line before a summary is printed under it.</summary>
    public static void EndLine()
    {
        if (!Console.IsOutputRedirected)
        {
            Console.WriteLine();
        }
    }

    public void Report(PublicationProgress value)
    {
        var fraction = value.Total > 0 ? Math.Min(1.0, (double)value.Done / value.Total) : 1.0;
        var filled = (int)(fraction * Width);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', Width - filled)}] {fraction,4:P0} {value.Stage}: {value.Done}/{value.Total}, " +
            $"{value.Elapsed.TotalSeconds:F0} s");
        var newStage = !string.Equals(value.Stage, _stage, StringComparison.Ordinal);
        if (!Console.IsOutputRedirected)
        {
            Console.Write((newStage && _stage is not null ? "\n" : "\r") + line.PadRight(Math.Max(0, Console.WindowWidth - 1)));
        }
        else if (newStage || DateTime.UtcNow - _lastPlainLine > TimeSpan.FromSeconds(5))
        {
            _lastPlainLine = DateTime.UtcNow;
            Console.WriteLine(line);
        }

        _stage = value.Stage;
    }
}
