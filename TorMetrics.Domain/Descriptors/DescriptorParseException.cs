namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// A document could not be parsed. Carries the 1-based line number in the file so an operator
/// can open the file at the failing line.
/// </summary>
public sealed class DescriptorParseException : Exception
{
    public DescriptorParseException()
    {
    }

    public DescriptorParseException(string message)
        : base(message)
    {
    }

    public DescriptorParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DescriptorParseException(string message, int lineNumber, string? keyword = null)
        : base(message)
    {
        LineNumber = lineNumber;
        Keyword = keyword;
    }

    /// <summary>1-based line in the file; 0 when not tied to a line.</summary>
    public int LineNumber { get; }

    /// <summary>The keyword of the failing item, when there is one.</summary>
    public string? Keyword { get; }
}
