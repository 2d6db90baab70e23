using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Import;

namespace TorMetrics.Web.Cli;

/// <summary><c>parse FILE --json</c>: shows exactly what our parsers read, one JSON object per document.</summary>
internal static class ParseCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            // The raw bytes are summarised (sha256, offset, length) rather than dumped.
            Modifiers = { info => RemoveProperty(info, "raw") },
        },
    };

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A descriptor file (compressed or not, tarballs too)." };
        var json = new Option<bool>("--json") { Description = "One JSON object per line (the default and only format)." };
        var command = new Command("parse", "Parse a file without storing anything and print what was read.") { file, json };
        command.SetAction(parse =>
        {
            var input = parse.GetValue(file)!;
            if (!input.Exists)
            {
                Console.Error.WriteLine($"No such file: {input.FullName}");
                return 2;
            }

            foreach (var source in SourceReader.Read(input))
            {
                foreach (var document in DescriptorImporterPreview.Prepare(source))
                {
                    Console.WriteLine(ToJson(source.Location, document).ToJsonString(Json));
                }
            }

            return 0;
        });
        return command;
    }

    private static JsonObject ToJson(string location, Descriptor descriptor)
    {
        var node = JsonSerializer.SerializeToNode(descriptor, descriptor.GetType(), Json)!.AsObject();
        var raw = descriptor.Raw;
        var summary = new JsonObject
        {
            ["source"] = location,
            ["type"] = DescriptorKindNames.ToTypeName(descriptor.Kind),
            ["parsed"] = descriptor is not UnparseableDescriptor,
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(raw.Bytes.Span)),
            ["offset"] = raw.Offset,
            ["length"] = raw.Length,
            ["line"] = raw.LineNumber,
        };
        foreach (var (key, value) in node)
        {
            summary[key] = value?.DeepClone();
        }

        return summary;
    }

    private static void RemoveProperty(JsonTypeInfo info, string name)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (string.Equals(info.Properties[i].Name, name, StringComparison.Ordinal))
            {
                info.Properties.RemoveAt(i);
            }
        }
    }
}
