using Microsoft.AspNetCore.Http.HttpResults;
using TorMetrics.Domain.DirectoryProtocol;

namespace TorMetrics.Web.Api.DirectoryProtocol;

/// <summary>Directory authority key certificates (dir-spec §4.3 "/tor/keys/"), from the archive.</summary>
public static class KeyCertificateEndpoints
{
    public static IEndpointRouteBuilder MapKeyCertificateEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/tor/keys").WithTags("Directory: key certificates");
        group.MapGet("/{all}", GetAllAsync)
            .WithName("GetAllKeyCertificates")
            .WithSummary("Every key certificate we hold: /tor/keys/all[.z].")
            .DescribeDocuments();
        group.MapGet("/fp/{fingerprints}", GetByFingerprintAsync)
            .WithName("GetKeyCertificatesByIdentity")
            .WithSummary("The newest certificate of each authority identity: /tor/keys/fp/<F>+<F>[.z] (hex).")
            .DescribeDocuments();
        group.MapGet("/sk/{digests}", GetBySigningKeyAsync)
            .WithName("GetKeyCertificatesBySigningKey")
            .WithSummary("Certificates by signing key digest: /tor/keys/sk/<S>+<S>[.z] (hex).")
            .DescribeDocuments();
        group.MapGet("/fp-sk/{pairs}", GetByPairAsync)
            .WithName("GetKeyCertificatesByIdentityAndSigningKey")
            .WithSummary("Certificates by identity and signing key digest: /tor/keys/fp-sk/<F>-<S>+<F>-<S>[.z] (hex).")
            .DescribeDocuments();
        return app;
    }

    private static async Task<Results<PushStreamHttpResult, NotFound, ValidationProblem>> GetAllAsync(
        string all, DirectoryDocuments documents, HttpContext context, CancellationToken cancellationToken)
    {
        var (name, compressed) = DirectoryRequest.SplitCompression(all);
        if (!string.Equals(name, "all", StringComparison.Ordinal))
        {
            return TypedResults.NotFound();
        }

        var found = KeyCertificateSelector.All(await documents.ListKeyCertificatesAsync(cancellationToken));
        return Answer(context, documents, found, compressed);
    }

    private static async Task<Results<PushStreamHttpResult, NotFound, ValidationProblem>> GetByFingerprintAsync(
        string fingerprints, DirectoryDocuments documents, HttpContext context, CancellationToken cancellationToken)
    {
        if (!DirectoryRequest.TryParseHex(fingerprints, '+', 20, out var request, out var error))
        {
            return DirectoryResponse.Malformed(nameof(fingerprints), error);
        }

        var found = KeyCertificateSelector.NewestFor(await documents.ListKeyCertificatesAsync(cancellationToken),
            request.Digests.Select(Convert.ToHexString));
        return Answer(context, documents, found, request.Compressed);
    }

    private static async Task<Results<PushStreamHttpResult, NotFound, ValidationProblem>> GetBySigningKeyAsync(
        string digests, DirectoryDocuments documents, HttpContext context, CancellationToken cancellationToken)
    {
        if (!DirectoryRequest.TryParseHex(digests, '+', 20, out var request, out var error))
        {
            return DirectoryResponse.Malformed(nameof(digests), error);
        }

        var found = KeyCertificateSelector.WithSigningKeys(await documents.ListKeyCertificatesAsync(cancellationToken),
            request.Digests.Select(Convert.ToHexString));
        return Answer(context, documents, found, request.Compressed);
    }

    private static async Task<Results<PushStreamHttpResult, NotFound, ValidationProblem>> GetByPairAsync(
        string pairs, DirectoryDocuments documents, HttpContext context, CancellationToken cancellationToken)
    {
        var (list, compressed) = DirectoryRequest.SplitCompression(pairs);
        var wanted = new List<(string, string)>();
        foreach (var pair in list.Split('+'))
        {
            var parts = pair.Split('-');
            if (parts.Length != 2
                || !DirectoryRequest.TryParseHex(parts[0], '+', 20, out var fingerprint, out var error)
                || !DirectoryRequest.TryParseHex(parts[1], '+', 20, out var signingKey, out error))
            {
                return DirectoryResponse.Malformed(nameof(pairs),
                    $"'{pair}' is not <identity fingerprint>-<signing key digest>, two 40-character hex digests joined by '-'.");
            }

            wanted.Add((Convert.ToHexString(fingerprint.Digests[0]), Convert.ToHexString(signingKey.Digests[0])));
        }

        if (wanted.Count > DirectoryRequest.MaxDigests)
        {
            return DirectoryResponse.Malformed(nameof(pairs), $"At most {DirectoryRequest.MaxDigests} pairs per request.");
        }

        var found = KeyCertificateSelector.WithPairs(await documents.ListKeyCertificatesAsync(cancellationToken), wanted);
        return Answer(context, documents, found, compressed);
    }

    private static Results<PushStreamHttpResult, NotFound, ValidationProblem> Answer(
        HttpContext context, DirectoryDocuments documents, IReadOnlyList<byte[]> found, bool compressed) =>
        found.Count == 0 ? TypedResults.NotFound() : DirectoryResponse.Stream(context, documents, found, compressed);
}
