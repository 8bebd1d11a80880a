using System.Net;
using System.Net.Sockets;
using LostEngine.Catalog;
using LostEngine.Cli;
using LostEngine.Tests.Runs;

namespace LostEngine.Tests.Catalog;

/// <summary>
/// A checkpoint that cannot be fetched is bad input with nothing done: exit 2 and one line naming the address and
/// how to import a copy fetched elsewhere. A cache that cannot be written names <c>LOSTENGINE_CACHE_DIR</c>.
/// </summary>
public sealed class DownloadFailureTests
{
    private const string Name = "dino-vits16";

    [Fact]
    public void No_network_names_the_address_and_how_to_import_a_copy()
    {
        using var sandbox = new CatalogSandbox();
        string closed = $"http://127.0.0.1:{ClosedPort()}";
        sandbox.Environment[CatalogSettings.BaseUrlVariable] = closed;

        string line = sandbox.Run("model", "pull", Name).AssertBadInput();

        Assert.StartsWith($"lost: {Name}: cannot download {closed}/dino/dino_deitsmall16_pretrain/dino_deitsmall16_pretrain.pth: ", line);
        Assert.Contains("Connection refused", line);
        Assert.Contains("'lost model import FILE --output MODEL.onnx', then give --model MODEL.onnx", line);
        Assert.Empty(Directory.GetFiles(sandbox.ModelFolder(Name), "*.pth*"));
    }

    [Fact]
    public void A_missing_file_on_the_server_is_a_404_named_with_its_address()
    {
        using var sandbox = new CatalogSandbox();

        string line = sandbox.Run("model", "pull", Name).AssertBadInput();

        Assert.StartsWith($"lost: {Name}: cannot download {sandbox.Server.BaseUrl.AbsoluteUri}dino/dino_deitsmall16_pretrain/dino_deitsmall16_pretrain.pth: the server answered 404 Not Found;", line);
        Assert.Empty(Directory.GetFiles(sandbox.ModelFolder(Name), "*.pth*"));
    }

    [Fact]
    public void A_404_after_an_interrupted_download_keeps_the_part()
    {
        using var sandbox = new CatalogSandbox();
        byte[] checkpoint = sandbox.Publish(Name);
        string path = CatalogSandbox.Entry(Name).Path;
        sandbox.Server.DropOnce(path, 10_000);
        Assert.Equal(ExitCodes.Failure, sandbox.Run("model", "pull", Name, "--quiet").ExitCode);
        sandbox.Environment[CatalogSettings.BaseUrlVariable] = sandbox.Server.BaseUrl.AbsoluteUri + "elsewhere";

        sandbox.Run("model", "pull", Name, "--quiet").AssertBadInput();

        Assert.Equal(checkpoint[..10_000], File.ReadAllBytes(sandbox.CheckpointPath(Name) + ".partial"));
    }

    [Fact]
    public void A_file_of_unannounced_size_is_refused_because_it_cannot_be_checked()
    {
        using var sandbox = new CatalogSandbox();
        var content = new byte[50_000];
        sandbox.Server.Serve(CatalogSandbox.Entry(Name).Path, content, announceLength: false);

        string line = sandbox.Run("model", "pull", Name).AssertBadInput();

        Assert.Contains("does not say how long the file is (no Content-Length)", line);
        Assert.False(File.Exists(sandbox.CheckpointPath(Name)));
    }

    [Fact]
    public void A_cache_below_a_file_is_bad_input_naming_the_variable()
    {
        using var sandbox = new CatalogSandbox();
        sandbox.Publish(Name);
        string file = Path.Combine(sandbox.Folder, "a-file");
        File.WriteAllText(file, "");
        sandbox.Environment[CatalogSettings.CacheVariable] = Path.Combine(file, "cache");

        string line = sandbox.Run("model", "pull", Name).AssertBadInput();

        Assert.StartsWith($"lost: {CatalogSettings.CacheVariable}: the model cache '{Path.Combine(file, "cache")}' cannot be written", line);
        Assert.Empty(sandbox.Server.Requests);
    }

    [SmallFileSystemFact]
    public void A_read_only_cache_is_bad_input_naming_the_variable()
    {
        using var sandbox = new CatalogSandbox();
        sandbox.Publish(Name);
        using var readOnly = new SmallFileSystem(64, readOnly: true);
        sandbox.Environment[CatalogSettings.CacheVariable] = readOnly.Path;

        string line = sandbox.Run("model", "pull", Name).AssertBadInput();

        Assert.StartsWith($"lost: {CatalogSettings.CacheVariable}: the model cache '{readOnly.Path}' cannot be written (", line);
        Assert.Contains("Read-only file system", line);
        Assert.Empty(sandbox.Server.Requests);
    }

    [SmallFileSystemFact]
    public void A_cache_too_small_for_the_checkpoint_is_refused_before_filling_it()
    {
        using var sandbox = new CatalogSandbox();
        sandbox.Publish(Name, bytes: 1 << 20);
        using var small = new SmallFileSystem(256);
        sandbox.Environment[CatalogSettings.CacheVariable] = small.Path;

        string line = sandbox.Run("model", "pull", Name).AssertBadInput();

        Assert.StartsWith($"lost: {CatalogSettings.CacheVariable}: '{Path.Combine(small.Path, "models", Name)}' has ", line);
        Assert.EndsWith($"bytes free; the download needs {1 << 20} more.", line);
        Assert.Equal(0, new FileInfo(Path.Combine(small.Path, "models", Name, "dino_deitsmall16_pretrain.pth.partial")) is { Exists: true } f ? f.Length : 0);
    }

    [Fact]
    public void A_mirror_that_is_not_an_http_address_is_bad_input_naming_the_variable()
    {
        using var sandbox = new CatalogSandbox();
        sandbox.Environment[CatalogSettings.BaseUrlVariable] = "ftp://mirror.example/models";

        string line = sandbox.Run("model", "pull", Name).AssertBadInput();

        Assert.StartsWith($"lost: {CatalogSettings.BaseUrlVariable}: 'ftp://mirror.example/models' is not an http:// or https:// address", line);
    }

    /// <summary>A loopback port with nothing listening: the one a listener just gave back.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
