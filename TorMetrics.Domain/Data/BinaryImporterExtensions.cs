using Npgsql;
using NpgsqlTypes;

namespace TorMetrics.Domain.Data;

/// <summary>
/// Binary COPY writes for optional values: the value, or SQL NULL. Synchronous on purpose: the importer buffers
/// rows in memory and only flushes when its buffer fills, so an async call per field would only add overhead.
/// </summary>
public static class BinaryImporterExtensions
{
    public static void WriteNullable<T>(this NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
        where T : class
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }

    public static void WriteNullable<T>(this NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value.Value, type);
        }
    }
}
