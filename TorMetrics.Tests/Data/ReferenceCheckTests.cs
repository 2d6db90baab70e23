using Npgsql;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Data;

/// <summary>
/// The statement-level reference checks of migration 0011 refuse and cascade what the foreign keys they replaced did.
/// Each test works inside a transaction it rolls back, so the tests share one database without sharing rows.
/// </summary>
public sealed class ReferenceCheckTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly byte[] Document = Digest(1);
    private static readonly byte[] OtherDocument = Digest(2);

    [Fact]
    public async Task Insert_StatusEntryWithoutItsStatus_IsRefusedAsAForeignKeyViolation()
    {
        await using var scope = await OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => scope.ExecuteAsync(InsertStatusEntry("123456")));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
        Assert.Equal("status_entries_status_id_insert", error.ConstraintName);
        Assert.Equal("status_entries", error.TableName);
    }

    [Fact]
    public async Task Delete_NetworkStatus_DeletesItsEntries()
    {
        await using var scope = await OpenAsync();
        await scope.ExecuteAsync(InsertRawDocument(Document));
        var statusId = await scope.ScalarAsync<long>(InsertNetworkStatus(Document) + " RETURNING id");
        await scope.ExecuteAsync(InsertStatusEntry(statusId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        await scope.ExecuteAsync("DELETE FROM network_statuses");

        Assert.Equal(0L, await scope.ScalarAsync<long>("SELECT count(*) FROM status_entries"));
    }

    [Fact]
    public async Task Delete_RawDocumentAParsedRowReferences_IsRefused()
    {
        await using var scope = await OpenAsync();
        await scope.ExecuteAsync(InsertRawDocument(Document));
        await scope.ExecuteAsync($$"""
            INSERT INTO microdescriptors (document_sha256, or_addresses, family) VALUES ({{Hex(Document)}}, '{}', '{}')
            """);

        var error = await Assert.ThrowsAsync<PostgresException>(() => scope.ExecuteAsync("DELETE FROM raw_documents"));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
        Assert.Equal("microdescriptors_document_sha256_delete", error.ConstraintName);
        Assert.Equal("microdescriptors", error.TableName);
    }

    [Fact]
    public async Task Insert_DocumentSourceOfAnUnarchivedDocument_IsRefused()
    {
        await using var scope = await OpenAsync();
        var sourceFileId = await scope.ScalarAsync<long>(InsertSourceFile());

        var error = await Assert.ThrowsAsync<PostgresException>(() => scope.ExecuteAsync(
            $"INSERT INTO document_sources (source_file_id, position, document_sha256) VALUES ({sourceFileId}, 0, {Hex(OtherDocument)})"));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
    }

    [Fact]
    public async Task Delete_SourceFile_DeletesItsDocumentSources()
    {
        await using var scope = await OpenAsync();
        await scope.ExecuteAsync(InsertRawDocument(Document));
        var sourceFileId = await scope.ScalarAsync<long>(InsertSourceFile());
        await scope.ExecuteAsync(
            $"INSERT INTO document_sources (source_file_id, position, document_sha256) VALUES ({sourceFileId}, 0, {Hex(Document)})");

        await scope.ExecuteAsync("DELETE FROM source_files");

        Assert.Equal(0L, await scope.ScalarAsync<long>("SELECT count(*) FROM document_sources"));
        Assert.Equal(1L, await scope.ScalarAsync<long>("SELECT count(*) FROM raw_documents"));
    }

    [Fact]
    public async Task Update_RawDocumentSha256_IsRefused()
    {
        await using var scope = await OpenAsync();
        await scope.ExecuteAsync(InsertRawDocument(Document));

        var error = await Assert.ThrowsAsync<PostgresException>(() => scope.ExecuteAsync($"UPDATE raw_documents SET sha256 = {Hex(OtherDocument)}"));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
    }

    [Fact]
    public async Task Update_RawDocumentOtherColumns_IsAllowed()
    {
        await using var scope = await OpenAsync();
        await scope.ExecuteAsync(InsertRawDocument(Document));

        await scope.ExecuteAsync($"UPDATE raw_documents SET sha256 = sha256, parse_status = 'Unparseable', parse_error = 'x'");

        Assert.Equal("Unparseable", await scope.ScalarAsync<string>("SELECT parse_status FROM raw_documents"));
    }

    [Fact]
    public async Task Truncate_RawDocumentsWhileParsedRowsRemain_IsRefused()
    {
        await using var scope = await OpenAsync();
        await scope.ExecuteAsync(InsertRawDocument(Document));
        await scope.ExecuteAsync($$"""
            INSERT INTO microdescriptors (document_sha256, or_addresses, family) VALUES ({{Hex(Document)}}, '{}', '{}')
            """);

        var error = await Assert.ThrowsAsync<PostgresException>(() => scope.ExecuteAsync("TRUNCATE raw_documents CASCADE"));

        Assert.Equal(PostgresErrorCodes.FeatureNotSupported, error.SqlState);
        Assert.Contains("microdescriptors", error.MessageText, StringComparison.Ordinal);
    }

    private static byte[] Digest(byte seed) => Enumerable.Repeat(seed, 32).ToArray();

    private static string Hex(byte[] bytes) => $"'\\x{Convert.ToHexString(bytes)}'::bytea";

    private static string InsertRawDocument(byte[] sha256) => $$"""
        INSERT INTO raw_documents (sha256, kind, content, length, parse_status, parser_version, first_seen)
        VALUES ({{Hex(sha256)}}, 'microdescriptor', 'x', 1, 'Parsed', 1, now())
        """;

    private static string InsertNetworkStatus(byte[] sha256) => $$"""
        INSERT INTO network_statuses (document_sha256, flavor, is_vote, valid_after, known_flags, client_versions,
            server_versions, params, bandwidth_weights, entry_count)
        VALUES ({{Hex(sha256)}}, 'ns', false, now(), '{}', '{}', '{}', '{}', '{}', 1)
        """;

    private static string InsertStatusEntry(string statusId) => $$"""
        INSERT INTO status_entries (status_id, fingerprint, valid_after, nickname, published, address, or_port, dir_port,
            or_addresses, flags, unmeasured)
        VALUES ({{statusId}}, '\x00', now(), 'n', now(), '127.0.0.1', 9001, 0, '{}', '{Running}', false)
        """;

    private static string InsertSourceFile() => """
        INSERT INTO source_files (location, sha256, size, documents, completed_at)
        VALUES ('test', '\x0000000000000000000000000000000000000000000000000000000000000000', 1, 1, now()) RETURNING id
        """;

    private async Task<Scope> OpenAsync()
    {
        var connection = await database.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        return new Scope(connection, transaction);
    }

    private sealed class Scope(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async Task ExecuteAsync(string sql)
        {
            // A savepoint per statement keeps the transaction usable after an expected error.
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await transaction.SaveAsync("statement");
            try
            {
                await command.ExecuteNonQueryAsync();
            }
            catch (PostgresException)
            {
                await transaction.RollbackAsync("statement");
                throw;
            }
        }

        public async Task<T> ScalarAsync<T>(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            return (T)(await command.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }
}
