namespace TorMetrics.Domain.Onionoo;

/// <summary>The six document types; their names are the URL paths.</summary>
public enum OnionooResource
{
    Summary,
    Details,
    Bandwidth,
    Weights,
    Clients,
    Uptime,
}
