using System.Diagnostics;
using System.Text.Json;

namespace TorMetrics.Tests.Descriptors;

/// <summary>
/// Reads what the Python reference parser (stem) extracted from a sample:
/// <c>stem-expected/&lt;path with / as _&gt;.jsonl.xz</c>, one JSON object per line. Decompressed with
/// the system <c>xz</c> because no xz package is available to .NET here.
/// </summary>
internal static class StemExpected
{
    public static List<JsonElement> Load(string samplePath)
    {
        string file = SampleFiles.PathOf("stem-expected/" + samplePath.Replace('/', '_') + ".jsonl.xz");
        Assert.True(File.Exists(file), $"stem expectation missing: {file}");
        var psi = new ProcessStartInfo("xz", ["-dc", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start xz");
        var records = new List<JsonElement>();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            if (line.Length > 0)
            {
                records.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }

        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"xz failed on {file}: {process.StandardError.ReadToEnd()}");
        Assert.NotEmpty(records);
        return records;
    }

    /// <summary>Sample paths that have a stem expectation file and start with the given type folder.</summary>
    public static IEnumerable<string> SamplesWithExpectations(string typeFolder)
    {
        string dir = SampleFiles.PathOf("stem-expected");
        Assert.True(Directory.Exists(dir), $"stem-expected folder missing: {dir}");
        foreach (string f in Directory.EnumerateFiles(dir, typeFolder + "_*.jsonl.xz").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(f)[..^".jsonl.xz".Length];
            string rest = name[(typeFolder.Length + 1)..];

            // Only the first '_' separates folder and file; file names themselves have no '/'.
            yield return typeFolder + "/" + rest;
        }
    }

    public static string? Str(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static long? Long(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    public static bool? Bool(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    public static List<string> Strings(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText()).ToList()
            : [];

    public static JsonElement? Obj(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static string Stamp(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    public static string? Stamp(DateTime? t) => t is { } v ? Stamp(v) : null;
}
