using System.Text;
using TorMetrics.Domain.Import;

namespace TorMetrics.Tests.Import;

public sealed class DecompressorTests
{
    [Fact]
    public void Detect_ZlibWithSmallWindow_IsZlib()
    {
        // "onion-key\n" deflated with a 4 KiB window (header 0x48): tor serves small ".z" bodies like this.
        byte[] body = [0x48, 0xC7, 0xCB, 0xCF, 0xCB, 0xCC, 0xCF, 0xD3, 0xCD, 0x4E, 0xAD, 0xE4, 0x02, 0x00, 0x15, 0xDB, 0x03, 0xA4];

        var compression = Decompressor.Detect(body);

        Assert.Equal(Compression.Zlib, compression);
        Assert.Equal("onion-key\n", Encoding.ASCII.GetString(Decompressor.Decompress(body, compression)));
    }

    [Theory]
    [InlineData("router tm000a 127.0.0.1 20000 0 0\n")]
    [InlineData("1795268199\nversion=1.4.0\n")]
    [InlineData("network-status-version 3\n")]
    [InlineData("@type server-descriptor 1.0\n")]
    [InlineData("onion-key\n")]
    public void Detect_PlainDocuments_AreNotCompressed(string text)
    {
        Assert.Equal(Compression.None, Decompressor.Detect(Encoding.ASCII.GetBytes(text)));
    }
}
