namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// Cuts a file into documents without parsing them: at annotation lines and, for kinds that
/// concatenate many documents, at each document's start keyword. Lines inside object blocks
/// are never taken as keywords. Blank lines between documents belong to neither.
/// </summary>
internal static class DocumentSplitter
{
    public static List<(RawDocument Document, DescriptorKind Kind)> Split(
        ReadOnlyMemory<byte> content, DescriptorDetection detection, string? fileName)
    {
        var kind = detection.Kind;
        var typeAnnotation = detection.TypeAnnotation;
        var format = DescriptorFormats.Get(kind);
        var pendingAnnotations = new List<string>();
        DescriptorTypeAnnotation? pendingType = null;
        int docStart = -1;
        int docLine = 0;
        int lastEnd = 0;
        bool inObject = false;
        int position = 0;
        int lineNumber = 1;
        var results = new List<(RawDocument, DescriptorKind)>();

        while (position < content.Length)
        {
            var span = content.Span;
            var rest = span[position..];
            int nl = rest.IndexOf((byte)'\n');
            int lineStart = position;
            int lineEnd = nl < 0 ? span.Length : position + nl + 1;
            var line = nl < 0 ? rest : rest[..nl];
            int thisLine = lineNumber;
            position = lineEnd;
            lineNumber++;

            if (inObject)
            {
                if (line.StartsWith("-----END "u8))
                {
                    inObject = false;
                }

                lastEnd = lineEnd;
                continue;
            }

            if (DescriptorText.Trim(line).IsEmpty || (line.Length == 1 && line[0] == (byte)'\r'))
            {
                continue;
            }

            if (line[0] == (byte)'@')
            {
                bool isType = line.StartsWith("@type "u8);
                bool startsNew = docStart < 0 || isType || format.StartKeyword is not null || format.LinePerDocument;
                if (!startsNew)
                {
                    lastEnd = lineEnd;
                    continue;
                }

                if (docStart >= 0)
                {
                    Flush();
                }

                pendingAnnotations.Add(DescriptorText.Text(TrimCr(line)));
                if (isType)
                {
                    pendingType = DescriptorTypeAnnotation.TryParse(TrimCr(line)[6..]);
                }

                continue;
            }

            if (line.StartsWith("-----BEGIN "u8))
            {
                inObject = true;
            }
            else if (docStart >= 0 && (format.LinePerDocument || (format.StartKeyword is not null && IsKeyword(line, format.StartKeyword))))
            {
                Flush();
            }

            if (docStart < 0)
            {
                docStart = lineStart;
                docLine = thisLine;
                if (pendingType is not null && pendingType != typeAnnotation)
                {
                    // A later @type line names the kind of the documents that follow it.
                    typeAnnotation = pendingType;
                    kind = pendingType.Kind != DescriptorKind.Unknown ? pendingType.Kind : DescriptorKind.Unknown;
                    format = DescriptorFormats.Get(kind);
                }
            }

            lastEnd = lineEnd;
        }

        if (docStart >= 0 || pendingAnnotations.Count > 0)
        {
            if (docStart < 0)
            {
                // Annotations with nothing after them: still reported, as an empty document.
                docStart = content.Length;
                lastEnd = content.Length;
                docLine = lineNumber;
            }

            Flush();
        }

        return results;

        void Flush()
        {
            var doc = new RawDocument(
                content[docStart..lastEnd],
                docStart,
                docLine,
                pendingAnnotations.Count == 0 ? [] : pendingAnnotations.ToArray(),
                pendingType ?? typeAnnotation,
                fileName);
            var docKind = kind;
            pendingAnnotations.Clear();
            pendingType = null;
            docStart = -1;
            results.Add((doc, docKind));
        }
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) =>
        !line.IsEmpty && line[^1] == (byte)'\r' ? line[..^1] : line;

    private static bool IsKeyword(ReadOnlySpan<byte> line, string keyword)
    {
        if (line.Length < keyword.Length)
        {
            return false;
        }

        for (int i = 0; i < keyword.Length; i++)
        {
            if (line[i] != keyword[i])
            {
                return false;
            }
        }

        return line.Length == keyword.Length || line[keyword.Length] is (byte)' ' or (byte)'\t' or (byte)'\r';
    }
}
