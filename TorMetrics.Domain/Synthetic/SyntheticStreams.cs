namespace TorMetrics.Domain.Synthetic;

/// <summary>Random stream identifiers: each purpose draws from its own stream so adding one never shifts another.</summary>
internal static class SyntheticStreams
{
    public const ulong Population = 1;
    public const ulong Relay = 2;
    public const ulong Bridge = 3;
    public const ulong RelayDescriptor = 4;
    public const ulong BridgeDescriptor = 5;
    public const ulong Consensus = 6;
    public const ulong Noise = 7;
    public const ulong Authority = 8;
}
