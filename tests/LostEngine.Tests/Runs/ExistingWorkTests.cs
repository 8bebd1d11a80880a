using LostEngine.Tests.Cli;

namespace LostEngine.Tests.Runs;

/// <summary>
/// Finished work on an <c>--output</c> (its journal's records, or a map) is never thrown away unless
/// <c>--overwrite</c> says so; <c>--resume</c> on an output never written simply starts.
/// </summary>
public sealed class ExistingWorkTests
{
    [Fact]
    public void A_run_over_an_earlier_journal_without_resume_or_overwrite_is_refused_and_keeps_it()
    {
        using var data = new RunFolder(6);
        string output = data.File("preds.json");
        Assert.Equal(0, CliRunner.Run(data.Localize(output)).ExitCode);
        byte[] journal = File.ReadAllBytes(RunOutputFiles.PathOf(output));
        byte[] map = File.ReadAllBytes(output);

        string line = CliRunner.Run(data.Localize(output)).AssertBadInput();

        Assert.Contains("--resume", line);
        Assert.Contains("--overwrite", line);
        Assert.Contains("6 finished images", line);
        Assert.Equal(journal, File.ReadAllBytes(RunOutputFiles.PathOf(output)));
        Assert.Equal(map, File.ReadAllBytes(output));
    }

    [Fact]
    public void Overwrite_starts_over()
    {
        using var data = new RunFolder(6);
        string output = data.File("preds.json");
        Assert.Equal(0, CliRunner.Run(data.Localize(output)).ExitCode);

        var again = CliRunner.Run(data.Localize(output, "--overwrite"));

        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(6, again.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(6, RunOutputFiles.Images(output).Length);
    }

    [Fact]
    public void A_map_without_a_journal_is_kept_unless_overwrite()
    {
        using var data = new RunFolder(2);
        string output = data.File("preds.json");
        File.WriteAllText(output, "{\"x.png\":[1,2,3,4]}");

        string line = CliRunner.Run(data.Localize(output, "--resume")).AssertBadInput();

        Assert.StartsWith("lost: --output:", line);
        Assert.Contains("--overwrite", line);
        Assert.Equal("{\"x.png\":[1,2,3,4]}", File.ReadAllText(output));
        Assert.Equal(0, CliRunner.Run(data.Localize(output, "--overwrite")).ExitCode);
    }

    [Fact]
    public void Resume_on_an_output_never_written_starts()
    {
        using var data = new RunFolder(3);
        string output = data.File("sub", "preds.json");

        var run = CliRunner.Run(data.Localize(output, "--resume"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(3, RunOutputFiles.Images(output).Length);
    }

    [Fact]
    public void Resume_and_overwrite_together_are_bad_input()
    {
        using var data = new RunFolder(1);
        string line = CliRunner.Run(data.Localize(data.File("p.json"), "--resume", "--overwrite")).AssertBadInput();
        Assert.Contains("--overwrite", line);
    }
}
