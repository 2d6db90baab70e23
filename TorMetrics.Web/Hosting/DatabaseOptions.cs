using System.ComponentModel.DataAnnotations;

namespace TorMetrics.Web.Hosting;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Apply pending migrations when the web host starts (the <c>migrate</c> verb does the same on demand).</summary>
    public bool MigrateOnStartup { get; set; }

    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;
}
