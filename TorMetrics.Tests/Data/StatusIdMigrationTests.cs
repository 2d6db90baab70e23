using TorMetrics.Domain.Data.Migrations;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Data;

/// <summary>Migration 0011 on a database that already holds status entries and extra-infos keeps every row.</summary>
public sealed class StatusIdMigrationTests(EmptyDatabaseFixture database) : IClassFixture<EmptyDatabaseFixture>
{
    [Fact]
    public async Task Migrate0011_PopulatedDatabase_EachEntryPointsAtItsStatusAndNothingIsLost()
    {
        var scripts = MigrationScripts.Embedded();
        await new SqlMigrator(database.DataSource, TimeProvider.System)
            .MigrateAsync(scripts.Where(s => string.CompareOrdinal(s.Version, "0011") < 0).ToList());
        await using (var command = database.DataSource.CreateCommand("""
            INSERT INTO raw_documents (sha256, kind, content, length, parse_status, parser_version, first_seen)
            SELECT sha256(convert_to(n::text, 'UTF8')), 'network-status-consensus-3', 'x', 1, 'Parsed', 1, now()
            FROM generate_series(1, 3) n;
            INSERT INTO network_statuses (document_sha256, flavor, is_vote, valid_after, known_flags, client_versions,
                server_versions, params, bandwidth_weights, entry_count)
            SELECT sha256(convert_to(n::text, 'UTF8')), 'ns', false, timestamptz '2020-01-01' + n * interval '1 hour',
                '{}', '{}', '{}', '{}', '{}', n
            FROM generate_series(1, 3) n;
            -- Status n has n entries; the nickname says which status an entry belongs to.
            INSERT INTO status_entries (status_sha256, fingerprint, valid_after, nickname, published, address, or_port,
                dir_port, or_addresses, flags, unmeasured)
            SELECT sha256(convert_to(n::text, 'UTF8')), int4send(e), timestamptz '2020-01-01' + n * interval '1 hour',
                'status' || n, now(), '127.0.0.1', 9001, 0, '{}', '{Running,Valid}', false
            FROM generate_series(1, 3) n, generate_series(1, n) e;
            INSERT INTO raw_documents (sha256, kind, content, length, parse_status, parser_version, first_seen)
            VALUES (sha256('extra'), 'extra-info', 'x', 1, 'Parsed', 1, now());
            INSERT INTO extra_infos (document_sha256, is_bridge, digest_sha1, fingerprint, nickname, published, transports, statistics)
            VALUES (sha256('extra'), false, '\x00', '\x00', 'relay', now(), '{}',
                '{"geoipDbDigest": "AB", "entryIps": null, "dirreqV3Resp": {"ok": 8, "busy": null}}');
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        await new SqlMigrator(database.DataSource, TimeProvider.System).MigrateAsync(scripts);

        Assert.Equal(6L, await database.ScalarAsync<long>("SELECT count(*) FROM status_entries"));
        Assert.Equal(0L, await database.ScalarAsync<long>("""
            SELECT count(*) FROM status_entries e JOIN network_statuses s ON s.id = e.status_id
            WHERE e.nickname <> 'status' || s.entry_count OR e.valid_after <> s.valid_after
            """));
        Assert.Equal(3L, await database.ScalarAsync<long>("SELECT count(DISTINCT id) FROM network_statuses"));
        Assert.Equal("status_id,fingerprint", await database.ScalarAsync<string>("""
            SELECT string_agg(a.attname, ',' ORDER BY k.ordinality)
            FROM pg_index i, unnest(i.indkey) WITH ORDINALITY k(attnum, ordinality)
            JOIN pg_attribute a ON a.attrelid = 'status_entries'::regclass AND a.attnum = k.attnum
            WHERE i.indrelid = 'status_entries'::regclass AND i.indisprimary
            """));
        Assert.Equal("""{"dirreqV3Resp": {"ok": 8, "busy": null}, "geoipDbDigest": "AB"}""",
            await database.ScalarAsync<string>("SELECT statistics::text FROM extra_infos"));
    }
}
