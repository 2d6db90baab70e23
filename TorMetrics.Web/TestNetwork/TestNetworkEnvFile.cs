using System.Globalization;
using System.Text;

namespace TorMetrics.Web.TestNetwork;

/// <summary>The description as <c>KEY=VALUE</c> lines (<c>TESTNET_NODE3_DIRPORT=20203</c>) for shell steps in CI.</summary>
internal static class TestNetworkEnvFile
{
    public static string Format(TestNetworkDescription network)
    {
        var text = new StringBuilder();
        Line(text, "TESTNET_RUN_DIR", network.RunDir);
        Line(text, "TESTNET_BASE_PORT", network.BasePort);
        Line(text, "TESTNET_NODES", network.Nodes.Count);
        Line(text, "TESTNET_DIR_AUTHORITIES", string.Join(',', network.Authorities.Select(a => "127.0.0.1:" + a.DirPort)));
        foreach (var node in network.Nodes)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"TESTNET_NODE{node.Index}_");
            Line(text, prefix + "ROLE", node.Role.ToString().ToLowerInvariant());
            Line(text, prefix + "NICKNAME", node.Nickname);
            Line(text, prefix + "FINGERPRINT", node.Fingerprint);
            Line(text, prefix + "V3IDENT", node.V3Ident);
            Line(text, prefix + "ORPORT", node.OrPort);
            Line(text, prefix + "DIRPORT", node.DirPort);
            Line(text, prefix + "CONTROLPORT", node.ControlPort);
            Line(text, prefix + "SOCKSPORT", node.SocksPort);
            Line(text, prefix + "COOKIE", node.CookieFile);
            Line(text, prefix + "PIDFILE", node.PidFile);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string key, object? value) =>
        text.Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "").Append('\n');
}
