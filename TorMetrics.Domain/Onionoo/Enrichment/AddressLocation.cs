namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>
/// What the local databases say about one address (Onionoo details' <c>country</c>, <c>country_name</c>, <c>as</c>,
/// <c>as_name</c>). <see cref="CountryCode"/> is two lower-case letters ("de"); <see cref="AutonomousSystem"/> is
/// "AS" and the number ("AS3320"). Each is null when unknown.
/// </summary>
public sealed record AddressLocation(string? CountryCode, string? CountryName, string? AutonomousSystem, string? AutonomousSystemName)
{
    public static AddressLocation Unknown { get; } = new(null, null, null, null);
}
