using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using TorMetrics.Domain.CollecTor;
using TorMetrics.Tests.Descriptors;

namespace TorMetrics.Tests.Infrastructure;

/// <summary>
/// A CollecTor instance on 127.0.0.1: a recent/ and archive/ tree built from sample files in a temporary folder,
/// its index/index.json, served over HTTP by Kestrel.
/// </summary>
public sealed class LocalCollecTor : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalCollecTor(string root, WebApplication app, string baseUrl)
    {
        Root = root;
        _app = app;
        BaseUrl = baseUrl;
    }

    public string Root { get; }

    public string BaseUrl { get; }

    public static async Task<LocalCollecTor> StartAsync(IReadOnlyDictionary<string, string> recentFiles, IReadOnlyDictionary<string, string[]> archiveTarballs)
    {
        var root = Path.Combine(Path.GetTempPath(), "tm-collector-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var (target, sample) in recentFiles)
        {
            var path = Path.Combine(root, target);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy(SampleFiles.PathOf(sample), path);
        }

        foreach (var (target, samples) in archiveTarballs)
        {
            var path = Path.Combine(root, target);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            CreateTarXz(path, samples);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            ServeUnknownFileTypes = true,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
        });
        await app.StartAsync();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        WriteIndex(root, baseUrl);
        return new LocalCollecTor(root, app, baseUrl);
    }

    /// <summary>Rebuilds an archive tarball with other members and rewrites the index, as CollecTor does while a month goes on.</summary>
    public void RebuildArchive(string target, string[] samples)
    {
        var path = Path.Combine(Root, target);
        File.Delete(path);
        CreateTarXz(path, samples);
        WriteIndex(Root, BaseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }

    private static void CreateTarXz(string path, string[] samples)
    {
        var staging = Path.Combine(Path.GetTempPath(), "tm-tar-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var sample in samples)
            {
                File.Copy(SampleFiles.PathOf(sample), Path.Combine(staging, Path.GetFileName(sample)));
            }

            var tar = Process.Start(new ProcessStartInfo("tar", ["-cJf", path, "-C", staging, "."]) { UseShellExecute = false })!;
            tar.WaitForExit();
            Assert.Equal(0, tar.ExitCode);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static void WriteIndex(string root, string baseUrl)
    {
        var index = new CollecTorIndex
        {
            IndexCreated = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            Path = baseUrl,
            Directories = new DirectoryInfo(root).GetDirectories().Select(ToDirectory).ToList(),
        };
        var indexDirectory = Directory.CreateDirectory(Path.Combine(root, "index"));
        File.WriteAllText(Path.Combine(indexDirectory.FullName, "index.json"), JsonSerializer.Serialize(index, CollecTorIndex.Json));
    }

    private static CollecTorDirectory ToDirectory(DirectoryInfo directory) => new()
    {
        Path = directory.Name,
        Files = directory.GetFiles().Select(f => new CollecTorFile
        {
            Path = f.Name,
            Size = f.Length,
            LastModified = f.LastWriteTimeUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            Sha256 = Convert.ToBase64String(SHA256.HashData(File.ReadAllBytes(f.FullName))),
        }).ToList() is { Count: > 0 } files ? files : null,
        Directories = directory.GetDirectories().Select(ToDirectory).ToList() is { Count: > 0 } children ? children : null,
    };
}
