using System.Text.Json;
using System.Text.RegularExpressions;
using LostEngine.Cli;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Runs;

/// <summary>
/// Images that fail: the run finishes with exit 3 and lists them on stderr and in the log; <c>--resume</c> tries them
/// again; journal entries for images no longer in the input are left out of the map.
/// </summary>
public sealed class FailedImageTests
{
    [Fact]
    public void Bad_images_finish_the_run_with_exit_3_and_are_listed()
    {
        using var data = new RunFolder(3, "broken_a.png", "broken_b.png");
        string log = data.File("run.jsonl");

        var run = CliRunner.Run(data.Localize(data.File("preds.json"), "--log", log));

        Assert.Equal(ExitCodes.PartlyFailed, run.ExitCode);
        Assert.Equal(5, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("3 localized, 2 failed", run.Error);
        var listed = run.Error.Split('\n').Where(line => line.StartsWith("failed: ")).ToArray();
        Assert.Equal(2, listed.Length);
        Assert.Contains("broken_a.png", listed[0]);
        Assert.Contains("broken_b.png", listed[1]);
        Assert.Equal(2, File.ReadAllLines(log).Count(line => line.Contains("\"error\"")));
        Assert.Equal(["img_0000.png", "img_0001.png", "img_0002.png"], RunOutputFiles.MapKeys(data.File("preds.json")));
    }

    [Fact]
    public void The_exit_codes_are_in_the_help_and_the_readme()
    {
        string readme = File.ReadAllText(Path.Combine(Reference.ReferenceCaseFolder.RepositoryRoot!, "README.md"));
        foreach (string command in new[] { "localize", "evaluate" })
        {
            var help = CliRunner.Run(command, "--help");
            Assert.Contains(ExitCodes.Help, Regex.Replace(help.Output, @"\s+", " "));
        }
        Assert.Contains("| 3 | the run finished, but some images failed", readme);
        Assert.Contains("| 130 | interrupted", readme);
    }

    [Fact]
    public void A_missing_image_counts_as_failed()
    {
        using var data = new RunFolder(1);
        var run = CliRunner.Run("localize", Path.Combine(data.Images, "img_0000.png"), data.File("gone.png"),
            "--model", Fixtures.TinyModel, "--quiet");

        Assert.Equal(ExitCodes.PartlyFailed, run.ExitCode);
        Assert.Contains(run.Error.Split('\n'), line => line.StartsWith("failed: ") && line.Contains("gone.png"));
    }

    [Fact]
    public void Evaluate_with_a_model_that_fails_on_some_images_exits_3_after_scoring()
    {
        using var data = new RunFolder(3, "broken.png");
        string root = EvaluateWithModelTests.MakeVoc(data, out _);

        var run = CliRunner.Run("evaluate", "--dataset", "voc", "--root", root, "--model", Fixtures.TinyModel, "--quiet");

        Assert.Equal(ExitCodes.PartlyFailed, run.ExitCode);
        Assert.StartsWith("CorLoc ", run.Output);
        Assert.Contains(run.Error.Split('\n'), line => line.StartsWith("failed: "));
    }

    [Fact]
    public void An_image_that_failed_is_tried_again_on_resume()
    {
        using var data = new RunFolder(4, "late.png");
        string output = data.File("preds.json");
        Assert.Equal(ExitCodes.PartlyFailed, CliRunner.Run(data.Localize(output)).ExitCode);
        File.Copy(Fixtures.Tiny("odd_37x53.png"), Path.Combine(data.Images, "late.png"), overwrite: true);

        var resumed = CliRunner.Run(data.Localize(output, "--resume"));

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        var line = Assert.Single(resumed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith("late.png", JsonDocument.Parse(line).RootElement.GetProperty("image").GetString());
        Assert.Contains("late.png", RunOutputFiles.MapKeys(output));
        Assert.Contains("1 localized, 0 failed, 4 already done, 1 failed before and tried again", resumed.Error);
    }

    [Fact]
    public void Journal_entries_for_images_not_in_the_input_are_ignored()
    {
        using var data = new RunFolder(6);
        string output = data.File("preds.json");
        Assert.Equal(0, CliRunner.Run(data.Localize(output)).ExitCode);
        foreach (string name in new[] { "img_0001.png", "img_0004.png" })
        {
            File.Delete(Path.Combine(data.Images, name));
        }

        var resumed = CliRunner.Run(data.Localize(output, "--resume"));

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(["img_0000.png", "img_0002.png", "img_0003.png", "img_0005.png"], RunOutputFiles.MapKeys(output));
        Assert.Contains("0 localized, 0 failed, 4 already done", resumed.Error);
    }
}
