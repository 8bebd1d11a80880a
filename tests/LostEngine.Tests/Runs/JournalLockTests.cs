using System.Diagnostics;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Runs;

/// <summary>
/// A run holds its journal locked: a second run on the same <c>--output</c> is refused while the first goes on,
/// whatever it was asked to do, and the first loses nothing.
/// </summary>
public sealed class JournalLockTests
{
    private const int ImageCount = 300;

    [Theory]
    [InlineData("--resume")]
    [InlineData("--overwrite")]
    [InlineData(null)]
    public void A_second_run_on_the_same_output_is_refused_and_the_first_loses_nothing(string? flag)
    {
        using var data = new RunFolder(ImageCount);
        string output = data.File("preds.json");
        string[] run = ["localize", data.Images, "--model", Fixtures.TinyModel, "--output", output, "--quiet"];
        using (var first = CliProcess.Start(null, run))
        {
            for (int i = 0; i < 5; i++)
            {
                Assert.NotNull(first.StandardOutput.ReadLine());
            }

            string line = CliRunner.Run(flag is null ? run : [.. run, flag]).AssertBadInput();

            Assert.StartsWith("lost: --output:", line);
            Assert.Contains("another run", line);
            first.Kill(entireProcessTree: true);
            first.WaitForExit();
        }
        var journal = RunOutputFiles.Images(output);
        Assert.InRange(journal.Length, 5, ImageCount);
        Assert.Equal(journal.Length, journal.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, journal.Length).Select(i => $"img_{i:D4}.png"), journal);
    }

    [Fact]
    public void The_lock_ends_with_the_run()
    {
        using var data = new RunFolder(2);
        string output = data.File("preds.json");
        string[] run = ["localize", data.Images, "--model", Fixtures.TinyModel, "--output", output, "--quiet"];
        Assert.Equal(0, CliRunner.Run(run).ExitCode);

        var again = CliRunner.Run([.. run, "--overwrite"]);

        Assert.True(again.ExitCode == 0, again.Error);
    }

    [Fact]
    public void A_killed_run_leaves_no_lock_behind()
    {
        using var data = new RunFolder(ImageCount);
        string output = data.File("preds.json");
        string[] run = ["localize", data.Images, "--model", Fixtures.TinyModel, "--output", output, "--quiet"];
        using (Process first = CliProcess.Start(null, run))
        {
            Assert.NotNull(first.StandardOutput.ReadLine());
            first.Kill(entireProcessTree: true);
            first.WaitForExit();
        }

        // One small shard is enough to show the journal opens again; the whole list would only take longer.
        var resumed = CliRunner.Run([.. run, "--resume", "--shard", "0/30"]);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains(RunOutputFiles.Images(output), image => image == "img_0000.png");
    }
}
