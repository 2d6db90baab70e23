using TorMetrics.Domain.Onionoo;
using TorMetrics.Domain.Onionoo.Query;

namespace TorMetrics.Tests.Onionoo;

/// <summary>Query-string rules that HTTP clients would normalise away before a request reaches the server.</summary>
public sealed class OnionooQueryParserTests
{
    private static readonly DateTime Now = new(2026, 11, 20, 12, 30, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("contact=%ZZ", "contact")]
    [InlineData("contact=%C3%28", "contact")]
    [InlineData("a&&b", "a")]
    public void Malformed_query_strings_are_rejected(string query, string parameter)
    {
        var e = Assert.Throws<OnionooQueryException>(() => OnionooQueryParser.Parse(query, Now));
        Assert.Equal(parameter, e.Parameter);
    }

    [Fact]
    public void Plus_stays_literal_and_the_first_value_wins()
    {
        var query = OnionooQueryParser.Parse("?contact=tor+bob&contact=other&search=F1A3+B33C", Now);
        Assert.Equal(["tor+bob"], query.Contact);
        Assert.Equal(["F1A3+B33C"], query.Search);
    }

    [Fact]
    public void Since_dates_become_day_ranges_from_now_and_override_days()
    {
        var query = OnionooQueryParser.Parse("first_seen_days=5&first_seen_since=2026-11-18", Now);
        Assert.Equal(new DayRange(0, 2), query.FirstSeenDays);
        Assert.Equal(new DayRange(0, 0), OnionooQueryParser.Parse("last_seen_since=2027-01-01", Now).LastSeenDays);
    }

    [Theory]
    [InlineData("0.2.3.25", "0.2.3", true)]
    [InlineData("0.2.3.24-rc-dev", "0.2.3", true)]
    [InlineData("0.2.3.25", "0.2.3.2", false)]
    [InlineData("0.4.8.10", "0.4.8.9..0.4.9", true)]
    [InlineData("0.4.9.1-alpha", "0.4.8.9..0.4.9", true)]
    [InlineData("0.4.10.1", "0.4.8.9..0.4.9", false)]
    [InlineData("0.4.7.16", "0...", true)]
    public void Version_items_match_by_order_and_prefix(string nodeVersion, string parameter, bool matches)
    {
        var query = OnionooQueryParser.Parse("version=" + parameter, Now);
        Assert.Equal(matches, query.Versions!.Any(v => v.Matches(TorVersion.TryParse(nodeVersion)!)));
    }

    [Theory]
    [InlineData("0.4.8.10", VersionStatus.Recommended)]
    [InlineData("0.4.8.11", VersionStatus.Experimental)]
    [InlineData("0.4.8.9", VersionStatus.Unrecommended)]
    [InlineData("0.4.9.1-alpha", VersionStatus.Experimental)]
    [InlineData("0.4.6.1", VersionStatus.Obsolete)]
    [InlineData("0.4.7.99", VersionStatus.NewInSeries)]
    [InlineData("0.4.6.99", VersionStatus.Obsolete)]
    [InlineData("0.4", VersionStatus.Unrecommended)]
    public void Version_status_against_recommended_versions(string version, string expected)
    {
        var recommended = new[] { "0.4.7.16", "0.4.8.10", "0.4.8.10-rc" }.Select(v => TorVersion.TryParse(v)!).ToList();
        Assert.Equal(expected, VersionStatus.Of(TorVersion.TryParse(version), recommended));
    }
}
