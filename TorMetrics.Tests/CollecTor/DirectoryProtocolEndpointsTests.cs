using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.ExtraInfos;
using TorMetrics.Domain.Descriptors.KeyCertificates;
using TorMetrics.Domain.Descriptors.Microdescriptors;
using TorMetrics.Domain.Descriptors.NetworkStatuses;
using TorMetrics.Domain.Descriptors.ServerDescriptors;
using TorMetrics.Tests.Descriptors;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.CollecTor;

/// <summary>tor's directory URLs answered from the archive; expected bytes come straight from the sample files.</summary>
[Collection(PublishedSamplesCollection.Name)]
public sealed class DirectoryProtocolEndpointsTests(PublishedSamplesFixture samples) : IAsyncLifetime
{
    private TorMetricsWebFactory _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = new TorMetricsWebFactory(samples.ConnectionString, samples.WebSettings);
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task ServerDescriptor_DigestFromSampleConsensus_ResolvesToTheExactSampleBytes()
    {
        var referenced = ReferencedServerDescriptors().Take(2).ToList();

        var one = await _client.GetAsync($"/tor/server/d/{referenced[0].Digest}");
        var two = await _client.GetByteArrayAsync($"/tor/server/d/{referenced[0].Digest.ToLowerInvariant()}+{new string('A', 40)}+{referenced[1].Digest}");

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal("text/plain", one.Content.Headers.ContentType?.MediaType);
        Assert.Equal(referenced[0].Bytes, await one.Content.ReadAsByteArrayAsync());
        Assert.Equal([.. referenced[0].Bytes, .. referenced[1].Bytes], two);
    }

    [Fact]
    public async Task ServerDescriptorByFingerprint_SampleRelays_NewestArchivedDescriptorOfEachInRequestOrder()
    {
        var sample = Parse("server-descriptor/2020-02-29-10-05-00-server-descriptors").OfType<ServerDescriptor>().Take(2).ToList();
        var fingerprints = sample.Select(d => d.Fingerprint!).ToList();

        var body = await _client.GetByteArrayAsync($"/tor/server/fp/{fingerprints[1]}+{new string('A', 40)}+{fingerprints[0].ToLowerInvariant()}");
        var served = DescriptorFileParser.Parse(body, "fp").OfType<ServerDescriptor>().ToList();
        var unknown = await _client.GetAsync($"/tor/server/fp/{new string('A', 40)}");
        var malformed = await _client.GetAsync("/tor/server/fp/relay");

        Assert.Equal([fingerprints[1], fingerprints[0]], served.Select(d => d.Fingerprint));
        for (int i = 0; i < served.Count; i++)
        {
            var newest = await samples.ScalarAsync<DateTime>(
                $"SELECT max(published) FROM server_descriptors WHERE fingerprint = '\\x{served[i].Fingerprint}' AND NOT is_bridge");
            Assert.Equal(newest, served[i].Published);
            Assert.True(served[i].Published >= sample.Single(d => d.Fingerprint == served[i].Fingerprint).Published);
        }

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task ExtraInfoByFingerprint_SampleRelay_NewestArchivedExtraInfo()
    {
        var sample = Parse("extra-info/2016-10-02-08-05-00-extra-infos").OfType<ExtraInfoDescriptor>().First();

        var body = await _client.GetByteArrayAsync($"/tor/extra/fp/{sample.Fingerprint}.z");
        var served = Assert.Single(DescriptorFileParser.Parse(Inflate(body), "fp").OfType<ExtraInfoDescriptor>());

        Assert.Equal(sample.Fingerprint, served.Fingerprint);
        Assert.Equal(await samples.ScalarAsync<DateTime>(
            $"SELECT max(published) FROM extra_infos WHERE fingerprint = '\\x{sample.Fingerprint}' AND NOT is_bridge"), served.Published);
    }

    [Fact]
    public async Task ServerDescriptor_DotZ_IsTheSameBodyZlibCompressed()
    {
        var referenced = ReferencedServerDescriptors().Take(3).ToList();
        var digests = string.Join('+', referenced.Select(r => r.Digest));

        var response = await _client.GetAsync($"/tor/server/d/{digests}.z");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("deflate", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Equal(referenced.SelectMany(r => r.Bytes).ToArray(), Inflate(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task ServerDescriptor_DigestNotHeld_Is404ProblemDetails()
    {
        var response = await _client.GetAsync($"/tor/server/d/{new string('0', 40)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/tor/server/d/XYZ", "digests")]
    [InlineData("/tor/server/d/0123456789abcdef0123456789abcdef0123456", "digests")]
    [InlineData("/tor/extra/d/0123456789abcdef0123456789abcdef01234567-0123456789abcdef0123456789abcdef01234567", "digests")]
    [InlineData("/tor/micro/d/not-base64", "digests")]
    [InlineData("/tor/keys/fp/0123", "fingerprints")]
    [InlineData("/tor/keys/fp-sk/0123456789abcdef0123456789abcdef01234567", "pairs")]
    public async Task DirectoryUrl_MalformedDigest_Is400ProblemDetailsNamingTheParameter(string url, string parameter)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task ExtraInfo_DigestOfSampleDescriptor_ResolvesToTheExactSampleBytes()
    {
        var extraInfo = Parse("extra-info/2016-10-02-08-05-00-extra-infos").OfType<Domain.Descriptors.ExtraInfos.ExtraInfoDescriptor>().First();

        var body = await _client.GetByteArrayAsync($"/tor/extra/d/{extraInfo.DigestSha1Hex}");

        Assert.Equal(extraInfo.Raw.Bytes.ToArray(), body);
    }

    [Fact]
    public async Task Microdescriptor_DigestFromSampleConsensus_ResolvesToTheExactSampleBytes()
    {
        var consensus = Parse("network-status-microdesc-consensus-3/2017-03-10-10-00-00-cached-microdesc-consensus").OfType<NetworkStatus>().Single();
        var microdescriptors = Parse("microdescriptor/2017-03-cached-microdescs").Concat(Parse("microdescriptor/2017-03-cached-microdescs.new"))
            .OfType<Microdescriptor>()
            .GroupBy(m => Convert.ToBase64String(m.Raw.ComputeSha256()).TrimEnd('='), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Raw.Bytes.ToArray(), StringComparer.Ordinal);
        // Pick digests with '+' and '/' in them: base64's URL-unfriendly characters.
        var wanted = consensus.Entries.Select(e => e.MicrodescriptorDigestSha256Base64!)
            .Where(d => d.Contains('/', StringComparison.Ordinal) && d.Contains('+', StringComparison.Ordinal)).Take(2).ToList();

        var body = await _client.GetByteArrayAsync($"/tor/micro/d/{string.Join('-', wanted)}");
        var compressed = await _client.GetByteArrayAsync($"/tor/micro/d/{string.Join('-', wanted)}.z");

        Assert.Equal(2, wanted.Count);
        Assert.Equal(wanted.SelectMany(d => microdescriptors[d]).ToArray(), body);
        Assert.Equal(body, Inflate(compressed));
    }

    [Theory]
    [InlineData("consensus", "network-status-consensus-3/2022-11-19-10-00-00-cached-consensus")]
    [InlineData("consensus-microdesc", "network-status-microdesc-consensus-3/2024-05-17-17-00-00-cached-microdesc-consensus")]
    public async Task CurrentConsensus_IsTheNewestHeldOfItsFlavour(string document, string newestSample)
    {
        var plain = await _client.GetByteArrayAsync($"/tor/status-vote/current/{document}");
        var compressed = await _client.GetByteArrayAsync($"/tor/status-vote/current/{document}.z");

        Assert.Equal(SampleFiles.Read(newestSample), plain);
        Assert.Equal(plain, Inflate(compressed));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/tor/status-vote/current/consensus-bogus")).StatusCode);
    }

    [Fact]
    public async Task Keys_ByIdentityBySigningKeyAndByPair_ReturnTheSampleCertificate()
    {
        var certificate = Parse("dir-key-certificate-3/2024-cached-certs").OfType<DirKeyCertificate>()
            .Single(c => c.Fingerprint == "23D15D965BC35114467363C165C4F724B64B4F66");
        var expected = certificate.Raw.Bytes.ToArray();

        Assert.Equal(expected, await _client.GetByteArrayAsync($"/tor/keys/fp/{certificate.Fingerprint}"));
        Assert.Equal(expected, await _client.GetByteArrayAsync($"/tor/keys/sk/{certificate.SigningKeyDigest.ToLowerInvariant()}"));
        Assert.Equal(expected, await _client.GetByteArrayAsync($"/tor/keys/fp-sk/{certificate.Fingerprint}-{certificate.SigningKeyDigest}"));
        Assert.Equal(expected, Inflate(await _client.GetByteArrayAsync($"/tor/keys/fp-sk/{certificate.Fingerprint}-{certificate.SigningKeyDigest}.z")));
        Assert.Equal(HttpStatusCode.NotFound,
            (await _client.GetAsync($"/tor/keys/fp-sk/{certificate.Fingerprint}-{new string('0', 40)}")).StatusCode);
    }

    [Fact]
    public async Task KeysAll_IsEveryParsedCertificateHeld()
    {
        var held = await samples.ScalarAsync<long>("SELECT count(*) FROM raw_documents WHERE kind = 'dir-key-certificate-3' AND parse_status = 'Parsed'");

        var all = Encoding.ASCII.GetString(await _client.GetByteArrayAsync("/tor/keys/all"));
        var compressed = await _client.GetByteArrayAsync("/tor/keys/all.z");

        Assert.True(held >= 10, $"only {held} certificates");
        Assert.Equal(held, all.Split("dir-key-certificate-version 3").Length - 1);
        Assert.Equal(all, Encoding.ASCII.GetString(Inflate(compressed)));
    }

    private static IEnumerable<(string Digest, byte[] Bytes)> ReferencedServerDescriptors()
    {
        var consensus = Parse("network-status-consensus-3/2020-02-29-11-00-00-consensus").OfType<NetworkStatus>().Single();
        var descriptors = Parse("server-descriptor/2020-02-29-10-05-00-server-descriptors").OfType<ServerDescriptor>()
            .ToDictionary(d => d.DigestSha1Hex, d => d.Raw.Bytes.ToArray(), StringComparer.Ordinal);
        return consensus.Entries
            .Where(e => e.DescriptorDigestSha1Hex is { } d && descriptors.ContainsKey(d))
            .Select(e => (e.DescriptorDigestSha1Hex!, descriptors[e.DescriptorDigestSha1Hex!]));
    }

    private static List<Descriptor> Parse(string sample) => DescriptorFileParser.Parse(SampleFiles.Read(sample), Path.GetFileName(sample)).ToList();

    private static byte[] Inflate(byte[] zlib)
    {
        using var inflater = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        var output = new MemoryStream();
        inflater.CopyTo(output);
        return output.ToArray();
    }
}
