using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using TorMetrics.Jobs.CollecTor;
using TorMetrics.Jobs.Scheduling;

namespace TorMetrics.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>Quartz tables live in their own schema, created by migration 0002, never by Quartz itself.</summary>
    public const string QuartzTablePrefix = "quartz.qrtz_";

    public static IServiceCollection AddTorMetricsJobs(
        this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddOptions<JobsOptions>()
            .BindConfiguration(JobsOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.Schedules.Keys.All(k => JobCatalog.Find(k) is not null), "Jobs:Schedules names a job that does not exist.")
            .Validate(o => JobCatalog.All.All(j => CronExpression.TryParse(o.CronFor(j), out _)), "Jobs:Schedules has an invalid cron expression.")
            .ValidateOnStart();

        var options = configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();

        services.AddOptions<CollecTorOptions>()
            .BindConfiguration(CollecTorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHttpClient<CollecTorFollower>((sp, http) =>
        {
            http.Timeout = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<CollecTorOptions>>().Value.Timeout;
            http.DefaultRequestHeaders.UserAgent.ParseAdd("TorMetrics");
        });

        services.AddSingleton<JobRunListener>();
        services.AddSingleton<JobControl>();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "TorMetrics";
                s.GenerateInstanceId = true;
            });
            q.UseDefaultThreadPool(options.MaxConcurrency);
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer(_ => { });
                store.UseClustering(c => c.CheckinInterval = options.ClusterCheckinInterval);
                store.ConfigureStore(s =>
                {
                    s.TablePrefix = QuartzTablePrefix;
                    s.SchemaProvisioning = SchemaProvisioning.Validate;
                });
            });
            q.AddJobListener<JobRunListener>(sp => sp.GetRequiredService<JobRunListener>(), []);

            foreach (var job in JobCatalog.All)
            {
                q.AddJob(job.JobType, j => j.WithIdentity(job.Key).WithDescription(job.Description).StoreDurably());
                if (options.Enabled)
                {
                    q.AddTrigger(t => t
                        .ForJob(job.Key)
                        .WithIdentity(job.TriggerKey)
                        .WithCronSchedule(options.CronFor(job), cron => cron.InTimeZone(TimeZoneInfo.Utc)));
                }
            }
        });
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AutoStart = options.Enabled;
        });
        return services;
    }
}
