namespace TorMetrics.Domain.Bandwidth.Results;

/// <summary>What a measurement import did: results are counted by line, states by file.</summary>
public sealed record MeasurementImportReport(
    int Files,
    long ResultsNew,
    long ResultsDuplicate,
    long LinesUnparseable,
    int StatesNew,
    int StatesDuplicate,
    TimeSpan Duration);
