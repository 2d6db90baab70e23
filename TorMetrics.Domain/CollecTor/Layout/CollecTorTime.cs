using System.Globalization;

namespace TorMetrics.Domain.CollecTor.Layout;

/// <summary>The time formats in CollecTor's file names and index (collector.md §1.2, §1.7), all UTC.</summary>
public static class CollecTorTime
{
    /// <summary><c>2016-09-20-13-00-00</c>: the 19-character prefix of most file names.</summary>
    public static string FileName(DateTime time) => time.ToString("yyyy-MM-dd-HH-mm-ss", CultureInfo.InvariantCulture);

    /// <summary><c>20160920-063816</c>: bridge network status file names.</summary>
    public static string Compact(DateTime time) => time.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    /// <summary><c>2016-09-20</c>.</summary>
    public static string Date(DateTime time) => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary><c>2016-09</c>: the month in tarball names.</summary>
    public static string Month(DateTime time) => time.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary><c>20</c>: the day directory inside monthly tarballs.</summary>
    public static string Day(DateTime time) => time.ToString("dd", CultureInfo.InvariantCulture);

    /// <summary><c>2016-09-20 13:02</c>: index.json's minute-precision timestamps.</summary>
    public static string Index(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static DateTime MonthStart(DateTime time) => new(time.Year, time.Month, 1, 0, 0, 0, DateTimeKind.Utc);
}
