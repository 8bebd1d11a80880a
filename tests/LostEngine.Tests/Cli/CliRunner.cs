using System.Diagnostics;
using System.Text.Json;
using LostEngine.Cli;

namespace LostEngine.Tests.Cli;

/// <summary>What one in-process run of <c>lost</c> returned and printed.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Stdout parsed as the single JSON object a command prints.</summary>
    public JsonElement Json
    {
        get
        {
            var lines = Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 1, $"expected one line of JSON on stdout, got {lines.Length}: {Output}");
            using var document = JsonDocument.Parse(lines[0]);
            return document.RootElement.Clone();
        }
    }

    /// <summary>Asserts exit 2, nothing on stdout and exactly one line on stderr starting with "lost: ", and returns that line.</summary>
    public string AssertBadInput()
    {
        Assert.True(ExitCode == ExitCodes.BadInput, $"expected exit {ExitCodes.BadInput}, got {ExitCode}; stderr: {Error}");
        Assert.Equal("", Output);
        var lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}: {Error}");
        Assert.StartsWith("lost: ", lines[0]);
        Assert.DoesNotContain("   at ", Error);
        return lines[0];
    }
}

/// <summary>Runs the tool in process with stdout and stderr captured.</summary>
public static class CliRunner
{
    public static CliRun Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, output, error);
        return new CliRun(code, output.ToString().Replace("\r\n", "\n"), error.ToString().Replace("\r\n", "\n"));
    }

    /// <summary>
    /// <paramref name="args"/> with <paramref name="option"/>'s value replaced by <paramref name="value"/> (or added):
    /// System.CommandLine refuses an option given twice, so a test's own value must replace a shared one.
    /// </summary>
    public static string[] With(this string[] args, string option, string value)
    {
        var list = args.ToList();
        int index = list.IndexOf(option);
        if (index >= 0)
        {
            list.RemoveRange(index, 2);
        }
        return [.. list, option, value];
    }

    public static int[] Ints(this JsonElement json, string property) =>
        json.GetProperty(property).EnumerateArray().Select(e => e.GetInt32()).ToArray();
}

/// <summary>Starts the built tool as a child process, for what in-process runs cannot show: signals, kills, environment read once per process.</summary>
public static class CliProcess
{
    /// <summary>The built tool beside the test binaries (the Release build under the README's test command).</summary>
    public static string LostDll => Path.Combine(AppContext.BaseDirectory, "lost.dll");

    public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(LostDll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return Process.Start(start)!;
    }

    /// <summary>Runs the built tool to its end in a child process; stdout and stderr are read concurrently so neither pipe fills.</summary>
    public static CliRun Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(environment, args);
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliRun(process.ExitCode, output.Replace("\r\n", "\n"), error.Result.Replace("\r\n", "\n"));
    }
}
