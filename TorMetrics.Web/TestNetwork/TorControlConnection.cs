using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace TorMetrics.Web.TestNetwork;

/// <summary>
/// The few control-port commands the launcher needs (GETINFO), authenticated with the node's cookie. Replies are
/// <c>CODE[-+ ]text</c> lines; a <c>+</c> line starts a data block that ends with a lone <c>.</c>.
/// </summary>
public sealed class TorControlConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly StreamReader _reader;
    private readonly Stream _stream;

    private TorControlConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new StreamReader(_stream, Encoding.ASCII);
    }

    public static async Task<TorControlConnection> OpenAsync(TestNetworkNode node, CancellationToken cancellationToken)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", node.ControlPort, cancellationToken);
            var connection = new TorControlConnection(client);
            var cookie = Convert.ToHexString(await File.ReadAllBytesAsync(node.CookieFile, cancellationToken));
            await connection.CommandAsync("AUTHENTICATE " + cookie, cancellationToken);
            return connection;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>The value of one GETINFO key (a data block's lines joined by LF).</summary>
    public async Task<string> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        var reply = await CommandAsync("GETINFO " + key, cancellationToken);
        var prefix = key + "=";
        var first = reply.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) ?? "";
        var index = reply.IndexOf(first);
        if (first.Length == prefix.Length && index >= 0)
        {
            // Data block: the lines after "key=" up to the closing ".".
            return string.Join('\n', reply.Skip(index + 1).TakeWhile(l => l != "." && l != "OK"));
        }

        return first.Length > 0 ? first[prefix.Length..] : "";
    }

    private async Task<List<string>> CommandAsync(string command, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), cancellationToken);
        var lines = new List<string>();
        var inData = false;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken)
                ?? throw new IOException("The control connection closed.");
            if (inData)
            {
                if (line == ".")
                {
                    inData = false;
                }

                lines.Add(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line);
                continue;
            }

            if (line.Length < 4)
            {
                throw new IOException("Malformed control reply: " + line);
            }

            var code = int.Parse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture);
            if (code is >= 400 and < 600)
            {
                throw new TorControlException(line);
            }

            lines.Add(line[4..]);
            if (line[3] == '+')
            {
                inData = true;
            }
            else if (line[3] == ' ')
            {
                return lines;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>tor answered a control command with an error (4xx/5xx).</summary>
public sealed class TorControlException(string reply) : Exception("tor control error: " + reply);
