namespace TorMetrics.Domain.Model;

public enum JobRunOutcome
{
    Running,
    Succeeded,
    Failed,
    Vetoed,
}
