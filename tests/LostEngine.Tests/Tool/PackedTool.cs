using System.Reflection;
using LostEngine.Tests.Reference;

namespace LostEngine.Tests.Tool;

/// <summary>
/// The CLI as built for the tests (their configuration, no new build) packed once as the tool package, in a
/// temporary folder of its own; only on first use, so a run whose tests are all skipped packs nothing.
/// </summary>
public sealed class PackedTool : IDisposable
{
    public const string PackageId = "LostEngine.Tool";

    private readonly Lazy<string> _package;

    public PackedTool() => _package = new Lazy<string>(Pack);

    internal TempFolder Folder { get; } = new();

    /// <summary>The path of the tool package.</summary>
    public string Package => _package.Value;

    /// <summary>The package's version, from its file name.</summary>
    public string Version => Path.GetFileNameWithoutExtension(Package)[(PackageId.Length + 1)..];

    public void Dispose() => Folder.Dispose();

    private string Pack()
    {
        string configuration = typeof(LostEngine.Cli.Program).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        string project = Path.Combine(ReferenceCaseFolder.RepositoryRoot!, "src", "LostEngine.Cli", "LostEngine.Cli.csproj");
        string packages = Folder.File("packages");
        // The publish the package is made from goes to this folder too, not beside the build.
        var pack = ChildProcess.Dotnet("pack", project, "-c", configuration, "--no-build", "--disable-build-servers",
            "-o", packages, $"-p:PublishDir={Folder.File("publish")}{Path.DirectorySeparatorChar}");

        Assert.True(pack.ExitCode == 0, $"dotnet pack exited {pack.ExitCode}:\n{pack.Output}\n{pack.Error}");
        string[] made = Directory.Exists(packages) ? Directory.GetFiles(packages, $"{PackageId}.*.nupkg") : [];
        Assert.True(made.Length == 1, $"dotnet pack made {made.Length} {PackageId} packages, not one (is the CLI packed as a tool?):\n{pack.Output}");
        return made[0];
    }
}
