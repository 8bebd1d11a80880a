using System.Security.Cryptography;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Runs;

/// <summary>
/// The journal's header records every option that changes a box; <c>--resume</c> with other values is refused
/// naming them, so a map never mixes two configurations. Options that change only the speed are not recorded.
/// </summary>
public sealed class ResumeSettingsTests
{
    /// <summary>
    /// A run on <c>preds.json</c> as a kill after its first <paramref name="kept"/> images leaves it: the journal cut
    /// back to them (without its header, as an older lost wrote it, when <paramref name="dropHeader"/>), no map.
    /// </summary>
    private static string InterruptedRun(RunFolder data, int kept, bool dropHeader = false)
    {
        string output = data.File("preds.json");
        Assert.Equal(0, CliRunner.Run(data.Localize(output)).ExitCode);
        string path = RunOutputFiles.PathOf(output);
        var lines = File.ReadAllLines(path);
        var header = lines.Where(line => !line.Contains("\"image\"")).Take(dropHeader ? 0 : 1);
        var records = lines.Where(line => line.Contains("\"image\"")).Take(kept);
        File.WriteAllLines(path, header.Concat(records));
        File.Delete(output);
        return output;
    }

    [Fact]
    public void The_header_records_what_changes_results_and_not_what_changes_speed()
    {
        using var data = new RunFolder(2);
        string output = data.File("preds.json");

        Assert.Equal(0, CliRunner.Run(data.Localize(output, "--threads", "2")).ExitCode);

        var settings = RunOutputFiles.Settings(output);
        Assert.NotNull(settings);
        string sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Fixtures.TinyModel)));
        Assert.Equal(sha, settings["--model"].Split(':')[1]);
        Assert.Equal("lost", settings["--method"]);
        Assert.Equal("100", settings["--k"]);
        Assert.Equal("k", settings["--features"]);
        Assert.False(settings.ContainsKey("--threads"));
        Assert.False(settings.ContainsKey("--ep"));
        Assert.False(settings.ContainsKey("--tau"));
    }

    [Fact]
    public void Resume_with_other_method_options_is_refused_naming_them()
    {
        using var data = new RunFolder(10);
        string output = InterruptedRun(data, kept: 4);
        byte[] journal = File.ReadAllBytes(RunOutputFiles.PathOf(output));

        string line = CliRunner.Run(data.Localize(output, "--resume", "--k", "3", "--features", "v")).AssertBadInput();

        Assert.StartsWith("lost: --resume:", line);
        Assert.Contains("--k", line);
        Assert.Contains("--features", line);
        Assert.DoesNotContain("--method", line);
        Assert.Equal(journal, File.ReadAllBytes(RunOutputFiles.PathOf(output)));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Resume_with_another_model_file_is_refused()
    {
        using var data = new RunFolder(4);
        string output = InterruptedRun(data, kept: 2);
        string other = data.File("other.onnx");
        File.WriteAllBytes(other, [.. File.ReadAllBytes(Fixtures.TinyModel), 0]);

        string line = CliRunner.Run(data.Localize(output, "--resume").With("--model", other)).AssertBadInput();

        Assert.StartsWith("lost: --resume:", line);
        Assert.Contains("--model", line);
        Assert.Contains("SHA-256", line);
    }

    [Fact]
    public void Resume_with_other_threads_goes_on()
    {
        using var data = new RunFolder(6);
        string whole = data.File("whole.json");
        Assert.Equal(0, CliRunner.Run(data.Localize(whole)).ExitCode);
        string output = InterruptedRun(data, kept: 3);

        var resumed = CliRunner.Run(data.Localize(output, "--resume", "--threads", "2"));

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(3, resumed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(File.ReadAllText(whole), File.ReadAllText(output));
    }

    [Fact]
    public void A_journal_from_before_headers_is_resumed_with_a_warning()
    {
        using var data = new RunFolder(6);
        string whole = data.File("whole.json");
        Assert.Equal(0, CliRunner.Run(data.Localize(whole)).ExitCode);
        string output = InterruptedRun(data, kept: 2, dropHeader: true);

        var resumed = CliRunner.Run(data.Localize(output, "--resume"));

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("no record of the options", resumed.Error);
        Assert.Equal(4, resumed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(File.ReadAllText(whole), File.ReadAllText(output));
    }
}
