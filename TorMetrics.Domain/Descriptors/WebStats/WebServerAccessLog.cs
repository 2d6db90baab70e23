namespace TorMetrics.Domain.Descriptors.WebStats;

/// <summary>
/// One day of one virtual host's sanitised Apache access log (metrics-web <c>web-server-logs</c> spec), as
/// CollecTor publishes it: <c>&lt;virtual host&gt;_&lt;physical host&gt;_access.log_&lt;YYYYMMDD&gt;[.xz]</c>.
/// There is no annotation: host names and the day come from the file name.
/// </summary>
public sealed record WebServerAccessLog : Descriptor
{
    /// <summary>The site, e.g. "metrics.torproject.org"; null when no CollecTor-style file name was given.</summary>
    public string? VirtualHost { get; init; }

    /// <summary>The machine that served it, e.g. "meronense.torproject.org".</summary>
    public string? PhysicalHost { get; init; }

    /// <summary>The day the log covers.</summary>
    public DateOnly? LogDate { get; init; }

    /// <summary>Request lines in file order (CollecTor sorts them, hiding the original order).</summary>
    public IReadOnlyList<WebServerAccessLogLine> Lines { get; init; } = [];

    /// <summary>Lines that are not in Apache's common or combined format, verbatim.</summary>
    public IReadOnlyList<string> UnrecognizedLines { get; init; } = [];
}

/// <summary>
/// One request: <c>ADDRESS - - [dd/MMM/yyyy:HH:mm:ss +0000] "METHOD PATH PROTOCOL" STATUS SIZE</c>, optionally
/// followed by referrer and user agent (unsanitised logs). Sanitising keeps GET and HEAD only, drops query
/// strings, truncates times to the day and replaces the client address with a code for how the request
/// arrived (see <see cref="Channel"/>).
/// </summary>
public sealed record WebServerAccessLogLine
{
    /// <summary>The address field as written.</summary>
    public required string Address { get; init; }

    /// <summary>Request time in UTC (midnight in sanitised logs).</summary>
    public required DateTime Time { get; init; }

    /// <summary>e.g. "GET"; null when the request was logged as "-" (the client sent nothing, status 408).</summary>
    public string? Method { get; init; }

    public string? Path { get; init; }

    /// <summary>e.g. "HTTP/1.1"; null for HTTP/0.9-style request lines without one.</summary>
    public string? Protocol { get; init; }

    public required int Status { get; init; }

    /// <summary>Response size in bytes; null when written as "-".</summary>
    public long? Size { get; init; }

    public string? Referrer { get; init; }

    public string? UserAgent { get; init; }

    public required int LineNumber { get; init; }

    /// <summary>
    /// How the request arrived, from the sanitised address: <c>0.0.0.0</c> HTTP, <c>0.0.0.1</c> HTTPS,
    /// <c>0.0.0.2</c> onion service; null for any other address.
    /// </summary>
    public string? Channel => Address switch
    {
        "0.0.0.0" => "http",
        "0.0.0.1" => "https",
        "0.0.0.2" => "onion",
        _ => null,
    };
}
