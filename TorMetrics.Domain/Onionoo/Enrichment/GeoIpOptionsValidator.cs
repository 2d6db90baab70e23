using Microsoft.Extensions.Options;

namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>Fails the start when a configured database file is missing, rather than serving relays without countries.</summary>
public sealed class GeoIpOptionsValidator : IValidateOptions<GeoIpOptions>
{
    public ValidateOptionsResult Validate(string? name, GeoIpOptions options)
    {
        var missing = new[]
            {
                (Key: nameof(GeoIpOptions.GeoIpPath), Path: options.GeoIpPath),
                (Key: nameof(GeoIpOptions.GeoIp6Path), Path: options.GeoIp6Path),
                (Key: nameof(GeoIpOptions.AsnPath), Path: options.AsnPath),
            }
            .Where(p => !string.IsNullOrEmpty(p.Path) && !File.Exists(p.Path))
            .Select(p => $"{GeoIpOptions.SectionName}:{p.Key} names '{p.Path}', which does not exist (install tor-geoipdb, or set the key empty to go without).")
            .ToList();
        return missing.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
    }
}
