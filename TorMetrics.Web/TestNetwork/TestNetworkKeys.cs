using System.Globalization;

namespace TorMetrics.Web.TestNetwork;

/// <summary>
/// Fresh keys for every run (local-tor-network.md §2.3): tor writes each relay's identity and fingerprint files,
/// tor-gencert each v3 authority's identity key and certificate, whose fingerprint line is the v3ident.
/// </summary>
internal static class TestNetworkKeys
{
    public sealed record Identity(string Fingerprint, string Ed25519, string? V3Ident);

    public static async Task<Identity> GenerateAsync(string dataDir, string emptyFile, int? authorityDirPort, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(dataDir, "keys"));
        var (exitCode, output) = await TorBinaries.RunAsync(TorBinaries.RequireTor(),
        [
            "--defaults-torrc", emptyFile, "-f", emptyFile, "--ignore-missing-torrc", "--DataDirectory", dataDir,
            "--ORPort", "1", "--GeoIPFile", "", "--GeoIPv6File", "", "--Log", "err stderr", "--list-fingerprint",
        ], null, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"tor --list-fingerprint failed for {dataDir}: {output.Trim()}");
        }

        string? v3Ident = null;
        if (authorityDirPort is { } dirPort)
        {
            var keys = Path.Combine(dataDir, "keys");
            var (gencertExit, gencertOutput) = await TorBinaries.RunAsync(TorBinaries.RequireTorGencert(),
            [
                "--create-identity-key", "--passphrase-fd", "0",
                "-i", Path.Combine(keys, "authority_identity_key"),
                "-s", Path.Combine(keys, "authority_signing_key"),
                "-c", Path.Combine(keys, "authority_certificate"),
                "-m", "12", "-a", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{dirPort}"),
            ], "\n", cancellationToken);
            if (gencertExit != 0)
            {
                throw new InvalidOperationException($"tor-gencert failed for {dataDir}: {gencertOutput.Trim()}");
            }

            v3Ident = File.ReadLines(Path.Combine(keys, "authority_certificate"))
                .First(l => l.StartsWith("fingerprint ", StringComparison.Ordinal))["fingerprint ".Length..].Trim();
        }

        var fingerprint = File.ReadAllText(Path.Combine(dataDir, "fingerprint")).Trim().Split(' ')[1];
        var ed25519 = File.ReadAllText(Path.Combine(dataDir, "fingerprint-ed25519")).Trim().Split(' ')[1];
        return new Identity(fingerprint, ed25519, v3Ident);
    }
}
