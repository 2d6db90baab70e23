using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Tests.Descriptors;

public class DescriptorReaderTests
{
    [Fact]
    public void TryReadItem_KeywordArgumentsAndObject_OffsetsAndLineNumbers()
    {
        var data = "a 1  2\n\nsigning-key\n-----BEGIN RSA PUBLIC KEY-----\nQUJD\n-----END RSA PUBLIC KEY-----\nlast"u8;
        var reader = new DescriptorReader(data, firstLineNumber: 10);

        Assert.True(reader.TryReadItem(out var a));
        Assert.Equal("a", a.Keyword);
        Assert.True(a.Arguments.SequenceEqual("1  2"u8));
        Assert.Equal(10, a.LineNumber);
        Assert.Equal((0, 7, 7), (a.Start, a.LineEnd, a.End));
        Assert.False(a.HasObject);

        Assert.True(reader.TryReadItem(out var key));
        Assert.Equal("signing-key", key.Keyword);
        Assert.Equal(12, key.LineNumber);
        Assert.Equal("RSA PUBLIC KEY", key.ObjectType);
        Assert.Equal("ABC"u8.ToArray(), key.DecodeObject());
        Assert.Equal(data.IndexOf("last"u8), key.End);

        Assert.True(reader.TryReadItem(out var last));
        Assert.Equal("last", last.Keyword);
        Assert.Equal(data.Length, last.End);
        Assert.False(reader.TryReadItem(out _));
    }

    [Fact]
    public void TryReadItem_OptPrefix_StrippedButOffsetsKept()
    {
        var reader = new DescriptorReader("opt fingerprint AAAA BBBB\n"u8);
        Assert.True(reader.TryReadItem(out var item));
        Assert.Equal("fingerprint", item.Keyword);
        Assert.True(item.Arguments.SequenceEqual("AAAA BBBB"u8));
        Assert.Equal(0, item.Start);
        Assert.Equal(4, item.KeywordStart);
    }

    [Fact]
    public void TryReadItem_CrLfAndBareCr_OnlyLineEndingCrRemoved()
    {
        var reader = new DescriptorReader("contact a\rb\r\n"u8);
        Assert.True(reader.TryReadItem(out var item));
        Assert.True(item.Arguments.SequenceEqual("a\rb"u8));
        Assert.Equal(13, item.LineEnd);
    }

    [Fact]
    public void TryReadItem_UnterminatedObject_Throws()
    {
        var ex = Assert.Throws<DescriptorParseException>(() =>
        {
            var reader = new DescriptorReader("router-signature\n-----BEGIN SIGNATURE-----\nAAAA\n"u8);
            reader.TryReadItem(out _);
        });
        Assert.Contains("not terminated", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.LineNumber);
    }

    [Fact]
    public void TryReadItem_MismatchedObjectEnd_Throws()
    {
        Assert.Throws<DescriptorParseException>(() =>
        {
            var reader = new DescriptorReader("k\n-----BEGIN SIGNATURE-----\nAAAA\n-----END ID SIGNATURE-----\n"u8);
            reader.TryReadItem(out _);
        });
    }

    [Fact]
    public void TryReadItem_NonAsciiArguments_DecodedLeniently()
    {
        // "Léna" in UTF-8, then 0xFF, which is never valid UTF-8.
        byte[] data = [.. "contact L"u8, 0xC3, 0xA9, .. "na"u8, 0xFF, (byte)'\n'];
        var reader = new DescriptorReader(data);
        Assert.True(reader.TryReadItem(out var item));
        Assert.Equal("Léna\uFFFD", item.LineText()["contact ".Length..]);
    }

    [Fact]
    public void KeywordTable_KnownKeyword_ReturnsSameInstance()
    {
        Assert.Same(KeywordTable.Get("router-signature"u8), KeywordTable.Get("router-signature"u8));
        Assert.Equal("x-unknown", KeywordTable.Get("x-unknown"u8));
    }
}
