using System.Diagnostics;
using LostEngine.Tests.Cli;

namespace LostEngine.Tests.Tool;

/// <summary>Runs a program to its end with a bound on its time, so a hung SDK fails the test instead of the suite.</summary>
internal static class ChildProcess
{
    // Far above what packing and installing take (seconds).
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    // The SDK's telemetry notice and banners would add lines to what the tests read.
    private static readonly Dictionary<string, string> QuietSdk = new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
    };

    /// <summary>
    /// The first <c>dotnet</c> on PATH, or null. A bare "dotnet" would not do: a child process's name is looked up
    /// in the test host's own folder first, which holds a <c>dotnet</c> even where PATH has none, and the SDK
    /// commands then fail where they run dotnet themselves.
    /// </summary>
    public static string? DotnetOnPath { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"))
            .FirstOrDefault(File.Exists);

    public static CliRun Dotnet(params string[] args) => Run(DotnetOnPath!, args);

    public static CliRun Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in QuietSdk)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not end within {Limit}");
        }
        process.WaitForExit();
        return new CliRun(process.ExitCode, output.Result.Replace("\r\n", "\n"), error.Result.Replace("\r\n", "\n"));
    }
}
