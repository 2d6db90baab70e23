namespace TorMetrics.Web.Identity;

/// <summary>
/// The first operator, created at start-up when no operator exists yet. The password comes from the environment
/// (<c>Admin__InitialPassword</c>), never from a committed file.
/// </summary>
public sealed class InitialAdminOptions
{
    public const string SectionName = "Admin";

    public string? InitialEmail { get; set; }

    public string? InitialPassword { get; set; }
}
