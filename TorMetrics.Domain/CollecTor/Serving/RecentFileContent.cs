using System.Data;
using Npgsql;
using TorMetrics.Domain.CollecTor.Publishing;
using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Domain.CollecTor.Serving;

/// <summary>
/// A recent/ file's bytes, streamed from the archive one document at a time: the documents placed in it by runs up
/// to <c>throughRunId</c>, in the order they were placed. The listing's digest is computed by this same code.
/// </summary>
internal static class RecentFileContent
{
    public static async Task<int> WriteAsync(
        NpgsqlConnection connection, string path, long throughRunId, Stream output, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT r.kind, e.type_annotation, r.content
            FROM recent_entries e JOIN raw_documents r ON r.sha256 = e.document_sha256
            WHERE e.path = $1 AND e.run_id <= $2
            ORDER BY e.run_id, r.first_seen, e.document_sha256
            """, connection);
        command.Parameters.AddWithValue(path);
        command.Parameters.AddWithValue(throughRunId);
        var documents = 0;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var kind = DescriptorKindNames.FromTypeName(reader.GetString(0));
            var annotation = reader.IsDBNull(1) ? null : reader.GetString(1);
            var content = reader.GetFieldValue<byte[]>(2);
            await DocumentWriter.WriteAsync(output, kind, annotation, content, cancellationToken);
            documents++;
        }

        return documents;
    }
}
