using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LostEngine.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line (BenchmarkDotNet's switcher: --filter, --list, --job, ...)
/// and copies each summary's GitHub-flavoured markdown to <c>benchmarks/results/&lt;cpu&gt;/&lt;class&gt;.md</c>,
/// so results are committed per machine and a change's effect shows as a diff.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        foreach (var summary in summaries)
        {
            CopyMarkdown(summary);
        }
    }

    private static void CopyMarkdown(Summary summary)
    {
        if (summary.BenchmarksCases.Length == 0 || !Directory.Exists(summary.ResultsDirectoryPath))
        {
            return;
        }
        // The exporter names the file after the benchmark class, or after the summary's title when several
        // classes are joined into one summary.
        var type = summary.BenchmarksCases[0].Descriptor.Type;
        string? report = new[] { summary.Title, type.FullName }
            .Select(name => Path.Combine(summary.ResultsDirectoryPath, $"{name}-report-github.md"))
            .FirstOrDefault(File.Exists);
        if (report is null)
        {
            Console.WriteLine($"No GitHub markdown report found in {summary.ResultsDirectoryPath}; nothing copied.");
            return;
        }
        string cpu = Slug(summary.HostEnvironmentInfo.Cpu.Value.ProcessorName ?? "unknown-cpu");
        string folder = Path.Combine(ResultsRoot(), cpu);
        Directory.CreateDirectory(folder);
        string target = Path.Combine(folder, type.Name + ".md");
        File.Copy(report, target, overwrite: true);
        Console.WriteLine($"Results copied to {target}");
    }

    // benchmarks/results of the repository the command runs in, found from the working directory.
    private static string ResultsRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LostEngine.sln")))
            {
                return Path.Combine(dir.FullName, "benchmarks", "results");
            }
        }
        return Path.Combine(Directory.GetCurrentDirectory(), "results");
    }

    private static string Slug(string text)
    {
        var chars = text.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}
