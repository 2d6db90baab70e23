namespace TorMetrics.Tests.Descriptors;

/// <summary>
/// Locates the shared sample corpus (<c>&lt;repo&gt;/../shared/samples</c>). Samples are never
/// copied into the repository. A missing corpus fails the test: CI has it, so silence would hide a
/// broken setup.
/// </summary>
internal static class SampleFiles
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static byte[] Read(string relative)
    {
        string path = PathOf(relative);
        Assert.True(File.Exists(path), $"sample file missing: {path}");
        return File.ReadAllBytes(path);
    }

    /// <summary>Every file below a sample folder, as paths relative to the sample root.</summary>
    public static IEnumerable<string> FilesUnder(string folder)
    {
        string dir = PathOf(folder);
        Assert.True(Directory.Exists(dir), $"sample folder missing: {dir}");
        return Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
    }

    private static string FindRoot() =>
        FindFrom(AppContext.BaseDirectory) ?? FindFrom(Path.GetDirectoryName(ThisSourceFile()))
        ?? throw new InvalidOperationException(
            $"Sample corpus not found: expected <repo>/../shared/samples above {AppContext.BaseDirectory}. Parser tests need it.");

    // The build's source path is a second starting point, for test assemblies built outside the repo.
    private static string ThisSourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private static string? FindFrom(string? start)
    {
        for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            // The repository root holds the solution; the corpus is its sibling "shared/samples".
            if (dir.Parent is { } parent && File.Exists(Path.Combine(dir.FullName, "TorMetrics.slnx")))
            {
                string candidate = Path.Combine(parent.FullName, "shared", "samples");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
