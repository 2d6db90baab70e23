using Microsoft.AspNetCore.Http.HttpResults;
using TorMetrics.Domain.DirectoryProtocol;

namespace TorMetrics.Web.Api.DirectoryProtocol;

/// <summary>The newest consensus we hold, per flavour, at the URLs tor fetches it from (dir-spec §4.3, §5.1).</summary>
public static class StatusVoteEndpoints
{
    public static IEndpointRouteBuilder MapStatusVoteEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/tor/status-vote/current").WithTags("Directory: consensuses")
            .MapGet("/{document}", GetCurrentAsync)
            .WithName("GetCurrentConsensus")
            .WithSummary("The newest consensus we hold: consensus or consensus-microdesc, with .z for zlib.")
            .WithDescription("document is one of consensus, consensus.z, consensus-microdesc, consensus-microdesc.z. " +
                             "The exact archived bytes of the consensus with the latest valid-after.")
            .DescribeDocuments();
        return app;
    }

    private static async Task<Results<PushStreamHttpResult, NotFound, ValidationProblem>> GetCurrentAsync(
        string document, DirectoryDocuments documents, HttpContext context, CancellationToken cancellationToken)
    {
        var (name, compressed) = DirectoryRequest.SplitCompression(document);
        var flavor = name switch
        {
            "consensus" => "ns",
            "consensus-microdesc" => "microdesc",
            _ => null,
        };
        if (flavor is null)
        {
            return TypedResults.NotFound();
        }

        var newest = await documents.FindNewestConsensusAsync(flavor, cancellationToken);
        return newest is null ? TypedResults.NotFound() : DirectoryResponse.Stream(context, documents, [newest], compressed);
    }
}
