using LostEngine.Catalog;
using LostEngine.Cli.Catalog;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Catalog;

/// <summary>
/// A cache folder and a loopback server publishing fake checkpoints under the official paths, with the
/// <c>lost</c> of the tests pointed at both through its environment (never the process's own).
/// </summary>
internal sealed class CatalogSandbox : IDisposable
{
    public CatalogSandbox(IModelImporter? importer = null)
    {
        Folder = Fixtures.TempFolder();
        Cache = Path.Combine(Folder, "cache");
        Importer = importer ?? new FakeImporter();
        Environment = new Dictionary<string, string?>
        {
            [CatalogSettings.CacheVariable] = Cache,
            [CatalogSettings.BaseUrlVariable] = Server.BaseUrl.AbsoluteUri,
        };
    }

    public CheckpointServer Server { get; } = new();

    public string Folder { get; }

    public string Cache { get; }

    public IModelImporter Importer { get; set; }

    /// <summary>The variables <c>lost</c> sees; a test may change them.</summary>
    public Dictionary<string, string?> Environment { get; }

    /// <summary>How long a silent download is waited for.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public ModelSources Sources => new(name => Environment.GetValueOrDefault(name), Importer, StallTimeout);

    /// <summary>Publishes a fake checkpoint of <paramref name="bytes"/> random bytes for <paramref name="name"/> and returns them.</summary>
    public byte[] Publish(string name, int bytes = 3 << 20, int seed = 1)
    {
        var content = new byte[bytes];
        new Random(seed).NextBytes(content);
        Server.Serve(Entry(name).Path, content);
        return content;
    }

    public static CatalogEntry Entry(string name) => ModelCatalog.Find(name) ?? throw new ArgumentException($"{name} is not in the catalogue.");

    /// <summary>Where the cache keeps <paramref name="name"/>'s files.</summary>
    public string ModelFolder(string name) => new ModelCache(Cache).FolderOf(Entry(name));

    public string CheckpointPath(string name) => new ModelCache(Cache).CheckpointPath(Entry(name));

    /// <summary>Runs <c>lost</c> in process with this sandbox's environment and importer.</summary>
    public CliRun Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = LostEngine.Cli.Program.Run(args, output, error, Sources);
        return new CliRun(code, output.ToString().Replace("\r\n", "\n"), error.ToString().Replace("\r\n", "\n"));
    }

    public void Dispose()
    {
        Server.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a failed test must not turn its failure into another one.
        }
    }
}
