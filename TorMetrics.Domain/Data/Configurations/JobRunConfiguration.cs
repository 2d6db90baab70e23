using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TorMetrics.Domain.Model;

namespace TorMetrics.Domain.Data.Configurations;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("job_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.Outcome).HasConversion<string>();
        builder.Property(r => r.Counts).HasColumnType("jsonb");
        builder.Ignore(r => r.Duration);
        builder.HasIndex(r => r.FireInstanceId).IsUnique();
        builder.HasIndex(r => new { r.JobName, r.StartedAt });
    }
}
