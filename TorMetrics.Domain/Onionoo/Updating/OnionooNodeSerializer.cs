using System.Text;

namespace TorMetrics.Domain.Onionoo.Updating;

/// <summary>
/// A node as stored in onionoo_documents: a compact binary record, read back by every web instance when it loads
/// a generation. The leading format byte lets a future layout coexist with stored generations.
/// </summary>
public static class OnionooNodeSerializer
{
    private const byte Format = 1;

    public static byte[] Serialize(OnionooNode node)
    {
        using var buffer = new MemoryStream(4096);
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Format);
            w.Write(node.IsBridge);
            w.Write(node.Nickname);
            w.Write(node.Fingerprint);
            w.Write(node.HashedFingerprint);
            WriteNullable(w, node.Base64Fingerprint);
            WriteList(w, node.Addresses);
            w.Write(node.Running);
            WriteList(w, node.Flags);
            WriteNullable(w, node.Country);
            WriteNullable(w, node.AutonomousSystem);
            WriteNullable(w, node.AutonomousSystemName);
            w.Write(node.FirstSeen.Ticks);
            w.Write(node.LastSeen.Ticks);
            WriteNullable(w, node.Contact);
            WriteList(w, node.EffectiveFamily);
            WriteNullable(w, node.Version);
            WriteNullable(w, node.OperatingSystem);
            WriteList(w, node.HostNames);
            WriteNullable(w, node.RecommendedVersion);
            WriteNullable(w, node.Overloaded);
            WriteList(w, node.Transports);
            w.Write(node.ConsensusWeight);
            WriteBytes(w, node.Summary);
            w.Write(node.Details.Count);
            foreach (var member in node.Details)
            {
                w.Write(member.Name);
                WriteBytes(w, member.Json);
            }

            WriteBytes(w, node.Bandwidth);
            WriteBytes(w, node.Weights);
            WriteBytes(w, node.Clients);
            WriteBytes(w, node.Uptime);
        }

        return buffer.ToArray();
    }

    public static OnionooNode Deserialize(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        if (r.ReadByte() != Format)
        {
            throw new InvalidDataException("Unknown stored Onionoo node format; rebuild the documents with the updater.");
        }

        return new OnionooNode
        {
            IsBridge = r.ReadBoolean(),
            Nickname = r.ReadString(),
            Fingerprint = r.ReadString(),
            HashedFingerprint = r.ReadString(),
            Base64Fingerprint = ReadNullableString(r),
            Addresses = ReadList(r),
            Running = r.ReadBoolean(),
            Flags = ReadList(r),
            Country = ReadNullableString(r),
            AutonomousSystem = ReadNullableString(r),
            AutonomousSystemName = ReadNullableString(r),
            FirstSeen = new DateTime(r.ReadInt64(), DateTimeKind.Utc),
            LastSeen = new DateTime(r.ReadInt64(), DateTimeKind.Utc),
            Contact = ReadNullableString(r),
            EffectiveFamily = ReadList(r),
            Version = ReadNullableString(r),
            OperatingSystem = ReadNullableString(r),
            HostNames = ReadList(r),
            RecommendedVersion = ReadNullableBoolean(r),
            Overloaded = ReadNullableBoolean(r),
            Transports = ReadList(r),
            ConsensusWeight = r.ReadInt64(),
            Summary = ReadBytes(r),
            Details = ReadDetails(r),
            Bandwidth = ReadBytes(r),
            Weights = ReadBytes(r),
            Clients = ReadBytes(r),
            Uptime = ReadBytes(r),
        };
    }

    private static DetailsMember[] ReadDetails(BinaryReader r)
    {
        var members = new DetailsMember[r.ReadInt32()];
        for (int i = 0; i < members.Length; i++)
        {
            members[i] = new DetailsMember(r.ReadString(), ReadBytes(r));
        }

        return members;
    }

    private static void WriteNullable(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null)
        {
            w.Write(value);
        }
    }

    private static void WriteNullable(BinaryWriter w, bool? value) => w.Write(value switch { null => (byte)0, false => (byte)1, _ => (byte)2 });

    private static void WriteList(BinaryWriter w, IReadOnlyList<string> values)
    {
        w.Write(values.Count);
        foreach (var value in values)
        {
            w.Write(value);
        }
    }

    private static void WriteBytes(BinaryWriter w, byte[] bytes)
    {
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    private static string? ReadNullableString(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static bool? ReadNullableBoolean(BinaryReader r) => r.ReadByte() switch { 0 => null, 1 => false, _ => true };

    private static string[] ReadList(BinaryReader r)
    {
        var values = new string[r.ReadInt32()];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = r.ReadString();
        }

        return values;
    }

    private static byte[] ReadBytes(BinaryReader r) => r.ReadBytes(r.ReadInt32());
}
