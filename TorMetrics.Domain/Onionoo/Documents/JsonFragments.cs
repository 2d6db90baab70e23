using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TorMetrics.Domain.Onionoo.Documents;

/// <summary>Renders small JSON pieces (a whole object, or one <c>"name":value</c> member) to UTF-8 bytes.</summary>
internal static class JsonFragments
{
    // Relaxed escaping keeps contact strings and nicknames readable; the output is JSON, never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    public static byte[] Object(Action<Utf8JsonWriter> writeMembers) =>
        Render(writer =>
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        });

    public static DetailsMember Member(string name, Action<Utf8JsonWriter> writeValue) =>
        new(name, Render(writer =>
        {
            writer.WritePropertyName(name);
            writeValue(writer);
        }));

    private static byte[] Render(Action<Utf8JsonWriter> write)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
