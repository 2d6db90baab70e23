using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TorMetrics.Domain.Data;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.BridgeNetworkStatuses;
using TorMetrics.Domain.Descriptors.ExitLists;
using TorMetrics.Domain.Descriptors.ExtraInfos;
using TorMetrics.Domain.Descriptors.Microdescriptors;
using TorMetrics.Domain.Descriptors.NetworkStatuses;
using TorMetrics.Domain.Descriptors.ServerDescriptors;
using TorMetrics.Domain.Descriptors.Torperf;

namespace TorMetrics.Domain.Import;

/// <summary>
/// Writes the parsed tables for documents that were just added to the archive (never for duplicates, so a second
/// import writes nothing). Rows go through one binary COPY per table for the whole batch; only network statuses are
/// inserted one by one, because their entries need the id each status gets.
/// </summary>
internal sealed class RelayDocumentWriter(NpgsqlConnection connection)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task WriteAsync(IReadOnlyList<ArchivedDocument> newDocuments, CancellationToken cancellationToken)
    {
        var statuses = new List<StatusRows>();
        var servers = new List<(ArchivedDocument, ServerDescriptor)>();
        var extraInfos = new List<(ArchivedDocument, ExtraInfoDescriptor)>();
        var micros = new List<(ArchivedDocument, Microdescriptor)>();
        var exitLists = new List<(ArchivedDocument, ExitList)>();
        var torperfs = new List<(ArchivedDocument, TorperfResult)>();
        foreach (var document in newDocuments)
        {
            switch (document.Descriptor)
            {
                case NetworkStatus status:
                    statuses.Add(await InsertStatusAsync(document, StatusFlavor(status), status.IsVote, VotingAuthority(status),
                        status.ValidAfter, status, status.Entries, cancellationToken));
                    break;
                case BridgeNetworkStatus bridges:
                    statuses.Add(await InsertStatusAsync(document, "bridge", false, TorEncoding.FromHex(bridges.AuthorityFingerprint),
                        bridges.Published, null, bridges.Entries, cancellationToken));
                    break;
                case ServerDescriptor server:
                    servers.Add((document, server));
                    break;
                case ExtraInfoDescriptor extraInfo:
                    extraInfos.Add((document, extraInfo));
                    break;
                case Microdescriptor micro:
                    micros.Add((document, micro));
                    break;
                case ExitList exitList:
                    exitLists.Add((document, exitList));
                    break;
                case TorperfResult torperf:
                    torperfs.Add((document, torperf));
                    break;
            }
        }

        await WriteStatusEntriesAsync(statuses, cancellationToken);
        await WriteServerDescriptorsAsync(servers, cancellationToken);
        await new ExtraInfoWriter(connection).WriteAsync(extraInfos, cancellationToken);
        await WriteMicrodescriptorsAsync(micros, cancellationToken);
        await WriteExitListsAsync(exitLists, cancellationToken);
        await WriteTorperfResultsAsync(torperfs, cancellationToken);
        await new DirectoryReferenceWriter(connection).WriteAsync(newDocuments, cancellationToken);
    }

    private async Task WriteExitListsAsync(List<(ArchivedDocument Document, ExitList List)> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY exit_list_entries (document_sha256, fingerprint, published, last_status, exit_address, scanned) " +
            "FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (document, list) in rows)
        {
            var seen = new HashSet<(string, string)>();
            foreach (var entry in list.Entries)
            {
                foreach (var address in entry.ExitAddresses)
                {
                    // The key is (document, relay, address): a repeated ExitAddress line keeps its first scan time.
                    if (!seen.Add((entry.Fingerprint, address.Address)))
                    {
                        continue;
                    }

                    copy.StartRow();
                    copy.Write(document.Sha256, NpgsqlDbType.Bytea);
                    copy.Write(Convert.FromHexString(entry.Fingerprint), NpgsqlDbType.Bytea);
                    copy.Write(entry.Published, NpgsqlDbType.TimestampTz);
                    copy.Write(entry.LastStatus, NpgsqlDbType.TimestampTz);
                    copy.Write(address.Address, NpgsqlDbType.Text);
                    copy.Write(address.Scanned, NpgsqlDbType.TimestampTz);
                }
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private async Task WriteTorperfResultsAsync(List<(ArchivedDocument Document, TorperfResult Result)> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY torperf_results (document_sha256, source, file_size, start, data_request, data_response, data_complete, " +
            "read_bytes, write_bytes, did_timeout, path, build_times, endpoint_remote, other_values) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var (document, r) in rows)
        {
            copy.StartRow();
            copy.Write(document.Sha256, NpgsqlDbType.Bytea);
            copy.Write(r.Source, NpgsqlDbType.Text);
            copy.Write(r.FileSize, NpgsqlDbType.Bigint);
            copy.Write(r.Start, NpgsqlDbType.TimestampTz);
            copy.WriteNullable(r.DataRequest, NpgsqlDbType.TimestampTz);
            copy.WriteNullable(r.DataResponse, NpgsqlDbType.TimestampTz);
            copy.WriteNullable(r.DataComplete, NpgsqlDbType.TimestampTz);
            copy.Write(r.ReadBytes, NpgsqlDbType.Bigint);
            copy.Write(r.WriteBytes, NpgsqlDbType.Bigint);
            copy.WriteNullable(r.DidTimeout, NpgsqlDbType.Boolean);
            copy.Write(r.Path.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            copy.Write(r.BuildTimes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double);
            copy.WriteNullable(r.EndpointRemote, NpgsqlDbType.Text);
            copy.Write(JsonSerializer.Serialize(r.Values, Json), NpgsqlDbType.Jsonb);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static string StatusFlavor(NetworkStatus status) =>
        string.Equals(status.Flavor, "microdesc", StringComparison.Ordinal) ? "microdesc" : "ns";

    private static byte[]? VotingAuthority(NetworkStatus status) =>
        status.IsVote && status.Authorities.Count > 0 ? TorEncoding.FromHex(status.Authorities[0].Identity) : null;

    private async Task<StatusRows> InsertStatusAsync(
        ArchivedDocument document, string flavor, bool isVote, byte[]? authority, DateTime validAfter,
        NetworkStatus? header, IReadOnlyList<RouterStatusEntry> entries, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO network_statuses (document_sha256, flavor, is_vote, authority_fingerprint, digest_sha1, valid_after,
                fresh_until, valid_until, vote_seconds, dist_seconds, consensus_method, known_flags, client_versions,
                server_versions, params, bandwidth_weights, entry_count)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            RETURNING id
            """, connection);
        var p = insert.Parameters;
        p.AddWithValue(document.Sha256);
        p.AddWithValue(flavor);
        p.AddWithValue(isVote);
        p.AddWithValue(NpgsqlDbType.Bytea, (object?)authority ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Bytea, (object?)document.Facts.DigestSha1 ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.TimestampTz, validAfter);
        p.AddWithValue(NpgsqlDbType.TimestampTz, (object?)header?.FreshUntil ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.TimestampTz, (object?)header?.ValidUntil ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Integer, (object?)header?.VoteSeconds ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Integer, (object?)header?.DistSeconds ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Integer, (object?)header?.ConsensusMethod ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, (header?.KnownFlags ?? []).ToArray());
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, (header?.ClientVersions ?? []).ToArray());
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, (header?.ServerVersions ?? []).ToArray());
        p.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(header?.Params ?? new Dictionary<string, long>(), Json));
        p.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(header?.BandwidthWeights ?? new Dictionary<string, long>(), Json));
        p.AddWithValue(entries.Count);
        var id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        return new StatusRows(id, validAfter, entries);
    }

    private async Task WriteStatusEntriesAsync(List<StatusRows> statuses, CancellationToken cancellationToken)
    {
        if (statuses.All(s => s.Entries.Count == 0))
        {
            return;
        }

        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY status_entries (status_id, fingerprint, valid_after, nickname, published, address, or_port, dir_port, " +
            "or_addresses, flags, version, protocols, bandwidth, measured, unmeasured, exit_policy_summary, descriptor_digest, " +
            "microdescriptor_digest) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (statusId, validAfter, entries) in statuses)
        {
            // Entries of one status share their protocol maps (the parser pools them): format each map once.
            var protocols = new Dictionary<object, string?>(ReferenceEqualityComparer.Instance);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                // A status lists each relay once; a repeated fingerprint would be a malformed document, keep the first.
                if (!seen.Add(entry.Fingerprint))
                {
                    continue;
                }

                if (!protocols.TryGetValue(entry.Protocols, out var protocolsText))
                {
                    protocolsText = FormatProtocols(entry.Protocols);
                    protocols[entry.Protocols] = protocolsText;
                }

                copy.StartRow();
                copy.Write(statusId, NpgsqlDbType.Bigint);
                copy.Write(Convert.FromHexString(entry.Fingerprint), NpgsqlDbType.Bytea);
                copy.Write(validAfter, NpgsqlDbType.TimestampTz);
                copy.Write(entry.Nickname, NpgsqlDbType.Text);
                copy.Write(entry.Published, NpgsqlDbType.TimestampTz);
                copy.Write(entry.Address, NpgsqlDbType.Text);
                copy.Write(entry.OrPort, NpgsqlDbType.Integer);
                copy.Write(entry.DirPort, NpgsqlDbType.Integer);
                copy.Write(FormatOrAddresses(entry.OrAddresses), NpgsqlDbType.Array | NpgsqlDbType.Text);
                copy.Write(entry.Flags as string[] ?? [.. entry.Flags], NpgsqlDbType.Array | NpgsqlDbType.Text);
                copy.WriteNullable(entry.VersionLine, NpgsqlDbType.Text);
                copy.WriteNullable(protocolsText, NpgsqlDbType.Text);
                copy.WriteNullable(entry.Bandwidth, NpgsqlDbType.Bigint);
                copy.WriteNullable(entry.Measured, NpgsqlDbType.Bigint);
                copy.Write(entry.Unmeasured, NpgsqlDbType.Boolean);
                copy.WriteNullable(entry.ExitPolicySummary, NpgsqlDbType.Text);
                copy.WriteNullable(TorEncoding.FromHex(entry.DescriptorDigestSha1Hex), NpgsqlDbType.Bytea);
                copy.WriteNullable(TorEncoding.FromUnpaddedBase64(entry.MicrodescriptorDigestSha256Base64), NpgsqlDbType.Bytea);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private sealed record StatusRows(long Id, DateTime ValidAfter, IReadOnlyList<RouterStatusEntry> Entries);

    private async Task WriteServerDescriptorsAsync(List<(ArchivedDocument Document, ServerDescriptor Server)> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY server_descriptors (document_sha256, is_bridge, digest_sha1, fingerprint, nickname, published, address, or_port, " +
            "dir_port, or_addresses, platform, tor_version, protocols, bandwidth_average, bandwidth_burst, bandwidth_observed, " +
            "uptime, hibernating, contact, family, exit_policy, ipv6_policy, ed25519_master_key, ntor_onion_key, extra_info_digest, " +
            "overload_general_since, bridge_distribution_request) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (document, d) in rows)
        {
            copy.StartRow();
            copy.Write(document.Sha256, NpgsqlDbType.Bytea);
            copy.Write(d.Kind == DescriptorKind.BridgeServerDescriptor, NpgsqlDbType.Boolean);
            copy.Write(Convert.FromHexString(d.DigestSha1Hex), NpgsqlDbType.Bytea);
            copy.WriteNullable(TorEncoding.FromHex(d.Fingerprint), NpgsqlDbType.Bytea);
            copy.Write(d.Nickname, NpgsqlDbType.Text);
            copy.Write(d.Published, NpgsqlDbType.TimestampTz);
            copy.Write(d.Address, NpgsqlDbType.Text);
            copy.Write(d.OrPort, NpgsqlDbType.Integer);
            copy.Write(d.DirPort, NpgsqlDbType.Integer);
            copy.Write(FormatOrAddresses(d.OrAddresses), NpgsqlDbType.Array | NpgsqlDbType.Text);
            copy.WriteNullable(d.Platform, NpgsqlDbType.Text);
            copy.WriteNullable(d.TorVersion, NpgsqlDbType.Text);
            copy.WriteNullable(d.Proto, NpgsqlDbType.Text);
            copy.Write(d.BandwidthAverage, NpgsqlDbType.Bigint);
            copy.Write(d.BandwidthBurst, NpgsqlDbType.Bigint);
            copy.Write(d.BandwidthObserved, NpgsqlDbType.Bigint);
            copy.WriteNullable(d.Uptime, NpgsqlDbType.Bigint);
            copy.Write(d.Hibernating, NpgsqlDbType.Boolean);
            copy.WriteNullable(d.Contact, NpgsqlDbType.Text);
            copy.Write(d.Family as string[] ?? [.. d.Family], NpgsqlDbType.Array | NpgsqlDbType.Text);
            copy.Write(d.ExitPolicy as string[] ?? [.. d.ExitPolicy], NpgsqlDbType.Array | NpgsqlDbType.Text);
            copy.WriteNullable(d.Ipv6Policy, NpgsqlDbType.Text);
            copy.WriteNullable(d.MasterKeyEd25519, NpgsqlDbType.Text);
            copy.WriteNullable(d.NtorOnionKey, NpgsqlDbType.Text);
            copy.WriteNullable(TorEncoding.FromHex(d.ExtraInfoDigestSha1Hex), NpgsqlDbType.Bytea);
            copy.WriteNullable(d.OverloadGeneral?.Since, NpgsqlDbType.TimestampTz);

            copy.WriteNullable(d.BridgeDistributionRequest, NpgsqlDbType.Text);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private async Task WriteMicrodescriptorsAsync(List<(ArchivedDocument Document, Microdescriptor Micro)> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY microdescriptors (document_sha256, ntor_onion_key, or_addresses, family, exit_policy_summary, " +
            "ipv6_policy_summary, ed25519_identity) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (document, m) in rows)
        {
            copy.StartRow();
            copy.Write(document.Sha256, NpgsqlDbType.Bytea);
            copy.WriteNullable(m.NtorOnionKey, NpgsqlDbType.Text);
            copy.Write(FormatOrAddresses(m.OrAddresses), NpgsqlDbType.Array | NpgsqlDbType.Text);
            copy.Write(m.Family as string[] ?? [.. m.Family], NpgsqlDbType.Array | NpgsqlDbType.Text);
            copy.WriteNullable(m.ExitPolicySummary, NpgsqlDbType.Text);
            copy.WriteNullable(m.Ipv6PolicySummary, NpgsqlDbType.Text);
            copy.WriteNullable(m.Identifiers.TryGetValue("ed25519", out var ed) ? ed : null, NpgsqlDbType.Text);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static string[] FormatOrAddresses(IReadOnlyList<OrAddress> addresses) =>
        addresses.Count == 0 ? [] : addresses.Select(a => a.IsIPv6 ? $"[{a.Address}]:{a.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : $"{a.Address}:{a.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}").ToArray();

    private static string? FormatProtocols(IReadOnlyDictionary<string, IReadOnlyList<int>> protocols) =>
        protocols.Count == 0 ? null : string.Join(' ', protocols.Select(p => p.Key + "=" + string.Join(',', p.Value)));
}
