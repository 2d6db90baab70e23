namespace TorMetrics.Domain.Onionoo;

/// <summary>A node's tor version judged against the newest consensus's server-versions (protocol §8.5).</summary>
public static class VersionStatus
{
    public const string Recommended = "recommended";
    public const string Experimental = "experimental";
    public const string Obsolete = "obsolete";
    public const string NewInSeries = "new in series";
    public const string Unrecommended = "unrecommended";

    public static string? Of(TorVersion? version, IReadOnlyList<TorVersion> recommended)
    {
        if (version is null || recommended.Count == 0)
        {
            return null;
        }

        if (version.Components.Count < 3)
        {
            return Unrecommended;
        }

        if (recommended.Any(r => r.CompareTo(version) == 0))
        {
            return Recommended;
        }

        if (recommended.All(r => version.CompareTo(r) > 0))
        {
            return Experimental;
        }

        if (recommended.All(r => version.CompareTo(r) < 0))
        {
            return Obsolete;
        }

        var sameSeries = recommended.Where(r => r.IsSameSeries(version)).ToList();
        if (sameSeries.Count > 0 && sameSeries.All(r => version.CompareTo(r) >= 0))
        {
            return NewInSeries;
        }

        return Unrecommended;
    }

    public static bool? IsRecommended(TorVersion? version, IReadOnlyList<TorVersion> recommended) =>
        version is null || recommended.Count == 0 ? null : recommended.Any(r => r.CompareTo(version) == 0);
}
