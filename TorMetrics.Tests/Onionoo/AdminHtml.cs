using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TorMetrics.Tests.Onionoo;

/// <summary>Reads what the relay admin pages render: table rows, alerts, chart options, details members.</summary>
public static partial class AdminHtml
{
    /// <summary>The fingerprints (hashed for bridges) of the result table's rows, in order.</summary>
    public static IReadOnlyList<string> Rows(string html) => [.. RowPattern().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>The text of the page's alert, decoded; null when there is none.</summary>
    public static string? Alert(string html) =>
        AlertPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(TagPattern().Replace(match.Groups[1].Value, "")).Trim()
            : null;

    /// <summary>The ECharts option of the chart with this id, parsed.</summary>
    public static JsonDocument ChartOption(string html, string id)
    {
        var match = Regex.Match(html, "id=\"" + Regex.Escape(id) + "\" class=\"chart\" data-echarts=\"([^\"]*)\"");
        Assert.True(match.Success, $"The page has no chart '{id}'.");
        return JsonDocument.Parse(WebUtility.HtmlDecode(match.Groups[1].Value));
    }

    /// <summary>The details list's member names, in order.</summary>
    public static IReadOnlyList<string> DetailsNames(string html) => [.. TermPattern().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>The periods the period selector offers (links and the current one), in order.</summary>
    public static IReadOnlyList<string> Periods(string html) =>
        [.. PeriodPattern().Matches(html).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value.Replace(' ', '_'))];

    [GeneratedRegex("<tr data-fingerprint=\"([0-9A-F]{40})\"")]
    private static partial Regex RowPattern();

    [GeneratedRegex("role=\"alert\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex AlertPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("<dt>([a-z_0-9]+)</dt>")]
    private static partial Regex TermPattern();

    [GeneratedRegex("data-period=\"([0-9a-z_]+)\"|<strong aria-current=\"true\">([0-9a-z ]+)</strong>")]
    private static partial Regex PeriodPattern();
}
