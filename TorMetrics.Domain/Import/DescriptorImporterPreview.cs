using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Domain.Import;

/// <summary>
/// What the importer would archive from one source file, without a database: every parsed or unparseable
/// document, and the whole file as one unparseable document when nothing in it could even be delimited.
/// </summary>
public static class DescriptorImporterPreview
{
    public static IReadOnlyList<Descriptor> Prepare(SourceFile source)
    {
        var documents = new List<Descriptor>();
        if (source.Problem is null)
        {
            documents.AddRange(DescriptorFileParser.Parse(source.Content, source.FileName));
        }

        if (documents.Count == 0)
        {
            documents.Add(new UnparseableDescriptor
            {
                Kind = DescriptorKind.Unknown,
                Raw = new RawDocument(source.Content, 0, 1, [], null, source.FileName),
                Reason = source.Problem ?? (source.Content.Length == 0 ? "empty file" : "no document found in the file"),
                LineNumber = 1,
            });
        }

        return documents;
    }
}
