namespace TorMetrics.Tests.Onionoo;

public sealed class OnionooSeedImportTests(OnionooSeedFixture fixture) : IClassFixture<OnionooSeedFixture>
{
    [Fact]
    public async Task Every_seed_document_parses()
    {
        var problems = await fixture.ScalarAsync<string>(
            "SELECT coalesce(string_agg(kind || ' line ' || parse_error_line || ': ' || parse_error, E'\\n'), '') FROM raw_documents WHERE parse_status = 'Unparseable'");
        Assert.Equal("", problems);
        Assert.Equal(3, fixture.Update.Relays);
        Assert.Equal(3, fixture.Update.Bridges);
    }
}
