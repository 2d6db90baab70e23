using TorMetrics.Domain.Import;
using TorMetrics.Tests.Descriptors;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Import;

public sealed class ReparserTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task ReparseUnparseable_AfterParserFix_RestoresParsedRowsWithoutTouchingBytes()
    {
        await new DescriptorImporter(database.DataSource, TimeProvider.System)
            .ImportAsync([SampleFiles.PathOf("server-descriptor/2020-02-29-10-05-00-server-descriptors")], "test");
        var parsedRows = await database.ScalarAsync<long>("SELECT count(*) FROM server_descriptors");
        var digestBefore = await database.ScalarAsync<string>("SELECT string_agg(encode(sha256, 'hex'), ',' ORDER BY sha256) FROM raw_documents");

        // As if these had been archived before their parser existed.
        await using (var command = database.DataSource.CreateCommand("""
            DELETE FROM server_descriptors;
            UPDATE raw_documents SET parse_status = 'Unparseable', parse_error = 'no parser for server-descriptor yet',
                                     digest_sha1 = NULL, published = NULL
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        var report = await new Reparser(database.DataSource).ReparseUnparseableAsync("server-descriptor", null, CancellationToken.None);

        Assert.Equal(587, parsedRows);
        Assert.Equal(parsedRows, report.Parsed);
        Assert.Equal(0, report.StillUnparseable);
        Assert.Equal(parsedRows, await database.ScalarAsync<long>("SELECT count(*) FROM server_descriptors"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM raw_documents WHERE parse_status = 'Unparseable' OR digest_sha1 IS NULL"));
        Assert.Equal(digestBefore, await database.ScalarAsync<string>("SELECT string_agg(encode(sha256, 'hex'), ',' ORDER BY sha256) FROM raw_documents"));
    }
}
