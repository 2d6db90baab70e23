namespace TorMetrics.Domain.RelayCollection;

/// <summary>What a fetch is for; the names are those stored in <c>relay_fetches.purpose</c>.</summary>
public enum FetchPurpose
{
    Consensus,
    ConsensusMicrodesc,
    Vote,
    DetachedSignatures,
    ServerDescriptors,
    ExtraInfos,
    Microdescriptors,
    KeyCertificates,
    BandwidthFile,
}

public static class FetchPurposeNames
{
    public static string Name(this FetchPurpose purpose) => purpose switch
    {
        FetchPurpose.Consensus => "consensus",
        FetchPurpose.ConsensusMicrodesc => "consensus-microdesc",
        FetchPurpose.Vote => "vote",
        FetchPurpose.DetachedSignatures => "detached-signatures",
        FetchPurpose.ServerDescriptors => "server-descriptors",
        FetchPurpose.ExtraInfos => "extra-infos",
        FetchPurpose.Microdescriptors => "microdescriptors",
        FetchPurpose.KeyCertificates => "key-certificates",
        _ => "bandwidth-file",
    };
}
