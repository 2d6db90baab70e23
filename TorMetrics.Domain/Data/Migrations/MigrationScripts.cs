namespace TorMetrics.Domain.Data.Migrations;

/// <summary>The migrations embedded in this assembly at build time, in order.</summary>
public static class MigrationScripts
{
    private const string ResourcePrefix = "migrations/";

    public static IReadOnlyList<MigrationScript> Embedded()
    {
        var assembly = typeof(MigrationScripts).Assembly;
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(MigrationScript.FromFileName(resource[ResourcePrefix.Length..], reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => string.CompareOrdinal(a.Version, b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations share version {scripts[i].Version}.");
            }
        }

        return scripts;
    }
}
