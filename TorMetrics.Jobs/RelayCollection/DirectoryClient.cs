using System.Diagnostics;
using TorMetrics.Domain.Import;
using TorMetrics.Domain.RelayCollection;

namespace TorMetrics.Jobs.RelayCollection;

/// <summary>
/// Plain HTTP GETs to directory servers' DirPorts. Paths end in <c>.z</c>, so bodies come zlib-compressed; they are
/// kept as received (the import path decompresses) and measured before and after decompression.
/// </summary>
public sealed class DirectoryClient(HttpClient http, TimeProvider clock)
{
    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(new Uri(request.Url), cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (status != 200 || body.Length == 0)
            {
                return new FetchResult(request, started, status, body.Length, 0, null, stopwatch.Elapsed, null);
            }

            long plain;
            string? error = null;
            try
            {
                plain = Decompressor.Decompress(body, Decompressor.Detect(body)).LongLength;
            }
            catch (InvalidDataException e)
            {
                // Archived anyway, as the bytes that came: the import records why it could not read them.
                plain = body.Length;
                error = "could not decompress: " + e.Message;
            }

            return new FetchResult(request, started, status, body.Length, plain, body, stopwatch.Elapsed, error);
        }
        catch (Exception e) when (e is HttpRequestException or IOException
                                   || e is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = e is TaskCanceledException ? "timed out" : e.Message;
            return new FetchResult(request, started, null, 0, 0, null, stopwatch.Elapsed, reason);
        }
    }
}
