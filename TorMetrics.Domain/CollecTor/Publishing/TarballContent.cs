using System.Data;
using System.Formats.Tar;
using Npgsql;
using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Domain.CollecTor.Publishing;

/// <summary>
/// A tarball's uncompressed bytes: GNU tar, as <c>tar chf</c> writes CollecTor's (directories first, names under the
/// tarball's stem), one entry per document in name order. Entries are read from the database one at a time, so a
/// month of descriptors never sits in memory. Should two documents map to one name (two consensuses with the same
/// valid-after but different signatures), the entry holds both, each with its <c>@type</c> line, and nothing is lost.
/// </summary>
internal static class TarballContent
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static async Task WriteAsync(
        NpgsqlConnection connection, string tarball, Stream output, Action<long> progress, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT e.entry_name, e.type_annotation, r.kind, r.first_seen, r.content
            FROM archive_entries e JOIN raw_documents r ON r.sha256 = e.document_sha256
            WHERE e.tarball = $1
            ORDER BY e.entry_name, e.document_sha256
            """, connection);
        command.Parameters.AddWithValue(tarball);

        await using var tar = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true);
        var directories = new HashSet<string>(StringComparer.Ordinal);
        string? name = null;
        var content = new MemoryStream();
        var modified = DateTime.MinValue;
        long entries = 0;
        await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var entryName = reader.GetString(0);
                var annotation = reader.IsDBNull(1) ? null : reader.GetString(1);
                var kind = DescriptorKindNames.FromTypeName(reader.GetString(2));
                var firstSeen = reader.GetDateTime(3);
                var bytes = reader.GetFieldValue<byte[]>(4);
                if (!string.Equals(entryName, name, StringComparison.Ordinal))
                {
                    if (name is not null)
                    {
                        await WriteEntryAsync(tar, directories, name, content, modified, cancellationToken);
                    }

                    name = entryName;
                    content.SetLength(0);
                    modified = DateTime.MinValue;
                }

                await DocumentWriter.WriteAsync(content, kind, annotation, bytes, cancellationToken);
                modified = firstSeen > modified ? firstSeen : modified;
                if (++entries % 1000 == 0)
                {
                    progress(entries);
                }
            }
        }

        if (name is not null)
        {
            await WriteEntryAsync(tar, directories, name, content, modified, cancellationToken);
        }

        progress(entries);
    }

    private static async Task WriteEntryAsync(
        TarWriter tar, HashSet<string> directories, string name, MemoryStream content, DateTime modified, CancellationToken cancellationToken)
    {
        var time = new DateTimeOffset(modified.Ticks - modified.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        for (var slash = name.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = name.IndexOf('/', slash + 1))
        {
            var directory = name[..(slash + 1)];
            if (directories.Add(directory))
            {
                await tar.WriteEntryAsync(Entry(TarEntryType.Directory, directory, DirectoryMode, time), cancellationToken);
            }
        }

        content.Position = 0;
        var entry = Entry(TarEntryType.RegularFile, name, FileMode, time);
        entry.DataStream = content;
        await tar.WriteEntryAsync(entry, cancellationToken);
    }

    private static GnuTarEntry Entry(TarEntryType type, string name, UnixFileMode mode, DateTimeOffset time) => new(type, name)
    {
        Mode = mode,
        ModificationTime = time,
        AccessTime = time,
        ChangeTime = time,
        Uid = 0,
        Gid = 0,
        UserName = "root",
        GroupName = "root",
    };
}
