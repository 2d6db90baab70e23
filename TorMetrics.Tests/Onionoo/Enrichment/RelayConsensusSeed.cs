using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace TorMetrics.Tests.Onionoo.Enrichment;

/// <summary>Rows of one relay consensus (archive row, status, entries) with the given primary addresses, for queries that read them.</summary>
public static class RelayConsensusSeed
{
    public static async Task InsertAsync(NpgsqlDataSource dataSource, DateTime validAfter, params string[] addresses)
    {
        var content = Encoding.ASCII.GetBytes(string.Create(
            CultureInfo.InvariantCulture, $"network-status-version 3\nvalid-after {validAfter:yyyy-MM-dd HH:mm:ss}\n"));
        var sha256 = SHA256.HashData(content);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(
            """
            INSERT INTO raw_documents (sha256, kind, content, length, published, parse_status, parser_version, first_seen)
            VALUES ($1, 'network-status-consensus-3', $2, $3, $4, 'Parsed', 1, $4)
            """, sha256, content, content.Length, validAfter));
        batch.BatchCommands.Add(Command(
            """
            INSERT INTO network_statuses (document_sha256, flavor, is_vote, valid_after, known_flags, client_versions,
                server_versions, params, bandwidth_weights, entry_count)
            VALUES ($1, 'ns', false, $2, '{}', '{}', '{}', '{}', '{}', $3)
            """, sha256, validAfter, addresses.Length));
        for (var i = 0; i < addresses.Length; i++)
        {
            var fingerprint = SHA1.HashData(Encoding.ASCII.GetBytes(addresses[i] + i));
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO status_entries (status_id, fingerprint, valid_after, nickname, published, address, or_port,
                    dir_port, or_addresses, flags, unmeasured)
                VALUES ((SELECT id FROM network_statuses WHERE document_sha256 = $1), $2, $3, $4, $3, $5, 9001, 0, '{}', '{Running,Valid}', false)
                """, sha256, fingerprint, validAfter, "relay" + i, addresses[i]));
        }

        await batch.ExecuteNonQueryAsync();
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
