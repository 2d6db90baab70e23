namespace TorMetrics.Domain.RelayCollection;

/// <summary>
/// One finished request: what it was for, its answer (<see cref="Status"/> null when none arrived), the body as it
/// came over the wire (for import, which decompresses it), and its size before and after decompression.
/// </summary>
public sealed record FetchResult(
    FetchRequest Request,
    DateTime StartedAt,
    int? Status,
    long Bytes,
    long BytesPlain,
    byte[]? Body,
    TimeSpan Duration,
    string? Error)
{
    public bool Succeeded => Status == 200 && Body is { Length: > 0 };
}
