namespace TorMetrics.Domain.Onionoo.Query;

/// <summary>A request the protocol rejects with 400: which parameter, and why, in words a client can act on.</summary>
public sealed class OnionooQueryException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}
