using System.Text.RegularExpressions;

namespace TorMetrics.Tests.Infrastructure;

public static partial class AntiforgeryToken
{
    public static string From(string html) =>
        TokenPattern().Match(html) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
