using TorMetrics.Web.Cli;

return await TorMetricsCli.RunAsync(args);
