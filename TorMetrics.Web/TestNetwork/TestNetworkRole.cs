namespace TorMetrics.Web.TestNetwork;

/// <summary>What a node does in the test network, in launch order (local-tor-network.md §2.2).</summary>
public enum TestNetworkRole
{
    Auth,
    BridgeAuth,
    Exit,
    Middle,
    Bridge,
    Client,
}
