using System.IO.Compression;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Tool;

/// <summary>
/// <c>lost</c> as a .NET tool: the CLI packed as LostEngine.Tool, installed into a tool path of its own from a
/// local package folder that is the only package source (nothing global, no network), and run from there.
/// </summary>
public sealed class ToolPackageTests(PackedTool packed) : IClassFixture<PackedTool>
{
    // The native libraries the installed tool needs on each platform ONNX Runtime ships for.
    private static readonly string[] NativeLibraries =
    [
        "runtimes/linux-x64/native/libonnxruntime.so", "runtimes/linux-x64/native/libSkiaSharp.so",
        "runtimes/linux-arm64/native/libonnxruntime.so", "runtimes/linux-arm64/native/libSkiaSharp.so",
        "runtimes/osx-arm64/native/libonnxruntime.dylib", "runtimes/osx/native/libSkiaSharp.dylib",
        "runtimes/win-x64/native/onnxruntime.dll", "runtimes/win-x64/native/libSkiaSharp.dll",
        "runtimes/win-arm64/native/onnxruntime.dll", "runtimes/win-arm64/native/libSkiaSharp.dll",
    ];

    [DotnetSdkFact]
    public void The_installed_tool_runs_help_keys_and_localize()
    {
        string lost = Install();

        var help = Run(lost, "--help");
        var keys = Run(lost, "keys", Fixtures.Tiny("object_96x80.k.npy"), "--grid", "5x6", "--image-size", "80x96", "--drop-cls");
        var localize = Run(lost, "localize", Fixtures.Tiny("object_96x80.png"), "--model", Fixtures.TinyModel, "--quiet");

        Assert.Contains("lost [command] [options]", help.Output);
        Assert.Equal(CliProcess.Run(null, "--help").Output, help.Output);
        using var reference = Fixtures.Lost("object_96x80");
        var expected = reference.RootElement.GetProperty("lost");
        Assert.Equal(expected.GetProperty("seed").GetInt32(), keys.Json.GetProperty("seed").GetInt32());
        Assert.Equal(expected.Ints("box"), keys.Json.Ints("box"));
        Assert.Equal(expected.Ints("box_patches"), keys.Json.Ints("box_patches"));
        Assert.Equal(expected.GetProperty("component").GetArrayLength(), keys.Json.GetProperty("component_size").GetInt32());
        // The model runs and the image decodes only where the package brought ONNX Runtime's and SkiaSharp's libraries.
        Assert.Equal(expected.Ints("box"), localize.Json.Ints("box"));
    }

    [DotnetSdkFact]
    public void The_package_carries_the_native_libraries_of_each_platform_and_no_debugging_symbols()
    {
        using var package = ZipFile.OpenRead(packed.Package);
        string[] entries = package.Entries.Select(entry => entry.FullName).ToArray();

        Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", entries);
        Assert.All(NativeLibraries, library => Assert.Contains($"tools/net10.0/any/{library}", entries));
        Assert.DoesNotContain(entries, entry => entry.Contains("/runtimes/") && (entry.EndsWith(".pdb") || entry.EndsWith(".lib")));
    }

    /// <summary>
    /// Installs the package into a tool path of its own as the README does, its folder the only package source
    /// (no other feed is asked, so no network is needed), and returns the path of its <c>lost</c> command.
    /// </summary>
    private string Install()
    {
        string tools = packed.Folder.File("tools");

        var install = ChildProcess.Dotnet("tool", "install", PackedTool.PackageId, "--version", packed.Version,
            "--tool-path", tools, "--source", Path.GetDirectoryName(packed.Package)!);

        Assert.True(install.ExitCode == 0, $"dotnet tool install exited {install.ExitCode}:\n{install.Output}\n{install.Error}");
        return Path.Combine(tools, OperatingSystem.IsWindows() ? "lost.exe" : "lost");
    }

    private static CliRun Run(string lost, params string[] args)
    {
        var run = ChildProcess.Run(lost, args);
        Assert.True(run.ExitCode == 0, $"lost {string.Join(' ', args)} exited {run.ExitCode}: {run.Error}");
        return run;
    }
}
