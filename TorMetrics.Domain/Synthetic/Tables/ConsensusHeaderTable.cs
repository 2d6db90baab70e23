namespace TorMetrics.Domain.Synthetic.Tables;

/// <summary>
/// Consensus header lines as in network-status-microdesc-consensus-3/2024-05-17-17-00-00-cached-microdesc-consensus
/// (method 33, derived 2026-11-21). Authorities are synthetic: the network must never look like a real one.
/// </summary>
public static class ConsensusHeaderTable
{
    public const int ConsensusMethod = 33;

    public const string ClientVersions = "0.4.8.1-alpha,0.4.8.2-alpha,0.4.8.3-rc,0.4.8.4,0.4.8.5,0.4.8.6,0.4.8.7,0.4.8.8,0.4.8.9,0.4.8.10,0.4.8.11";

    public const string ServerVersions = ClientVersions;

    public const string KnownFlags = "Authority BadExit Exit Fast Guard HSDir MiddleOnly NoEdConsensus Running Stable StaleDesc Sybil V2Dir Valid";

    public const string RecommendedClientProtocols = "Cons=2 Desc=2 DirCache=2 HSDir=2 HSIntro=4 HSRend=2 Link=4-5 Microdesc=2 Relay=2";

    public const string RecommendedRelayProtocols = "Cons=2 Desc=2 DirCache=2 HSDir=2 HSIntro=4 HSRend=2 Link=4-5 LinkAuth=3 Microdesc=2 Relay=2";

    public const string RequiredClientProtocols = "Cons=2 Desc=2 Link=4 Microdesc=2 Relay=2";

    public const string RequiredRelayProtocols = RecommendedRelayProtocols;

    public const string Params =
        "AuthDirMaxServersPerAddr=8 CircuitPriorityHalflifeMsec=30000 DoSCircuitCreationBurst=60 DoSCircuitCreationEnabled=1 " +
        "DoSCircuitCreationMinConnections=2 DoSCircuitCreationRate=2 DoSConnectionEnabled=1 DoSConnectionMaxConcurrentCount=50 " +
        "DoSRefuseSingleHopClientRendezvous=1 ExtendByEd25519ID=1 KISTSchedRunInterval=3 NumNTorsPerTAP=100 UseOptimisticData=1 " +
        "bwauthpid=1 bwscanner_cc=1 cbttestfreq=10 cc_alg=2 cc_cwnd_full_gap=4 cc_cwnd_full_minpct=25 cc_cwnd_inc=1 " +
        "cc_cwnd_inc_rate=31 cc_cwnd_min=124 cc_sscap_exit=600 cc_sscap_onion=475 cc_vegas_alpha_exit=186 cc_vegas_beta_onion=372 " +
        "cc_vegas_delta_exit=310 cc_vegas_delta_onion=434 cc_vegas_gamma_onion=248 cfx_low_exit_threshold=5000 " +
        "circ_max_cell_queue_size=1250 circ_max_cell_queue_size_out=1000 dos_num_circ_max_outq=5 " +
        "guard-n-primary-dir-guards-to-use=2 guard-n-primary-guards-to-use=2 hs_service_max_rdv_failures=1 hsdir_spread_store=4 " +
        "overload_onionskin_ntor_period_secs=10800 overload_onionskin_ntor_scale_percent=500 sendme_emit_min_version=1";

    /// <summary>Nine voting authorities, as in the 2022 and 2024 consensuses.</summary>
    public const int Authorities = 9;
}
