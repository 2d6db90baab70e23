using Microsoft.EntityFrameworkCore;
using TorMetrics.Domain.Model;

namespace TorMetrics.Domain.Data;

/// <summary>
/// The application's tables. The schema itself is owned by the SQL files in <c>migrations/</c>;
/// a test checks that this model and the migrated schema agree.
/// </summary>
public sealed class TorMetricsDbContext(DbContextOptions<TorMetricsDbContext> options) : DbContext(options)
{
    public DbSet<JobRun> JobRuns => Set<JobRun>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TorMetricsDbContext).Assembly);
        SnakeCaseNaming.Apply(modelBuilder);
    }
}
