using System.Diagnostics;
using System.Text.Json;
using LostEngine.Cli;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Runs;

/// <summary>
/// Long-run behaviour of <c>lost localize</c>: a run killed midway and resumed, or split into shards and merged,
/// gives exactly the predictions of one uninterrupted run, and no image is recorded twice.
/// </summary>
public sealed class ResumeAndShardTests
{
    private const int ImageCount = 300;

    private static string[] Localize(RunFolder data, string output, params string[] extra) =>
        ["localize", data.Images, "--model", Fixtures.TinyModel, "--output", output, "--quiet", .. extra];

    private static Dictionary<string, int[]> ReadMap(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateObject().ToDictionary(
            p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetInt32()).ToArray());
    }

    private static void AssertSameMap(Dictionary<string, int[]> expected, Dictionary<string, int[]> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, box) in expected)
        {
            Assert.Equal(box, actual[key]);
        }
    }

    private static void WaitForLines(Process process, int lines)
    {
        for (int i = 0; i < lines; i++)
        {
            Assert.NotNull(process.StandardOutput.ReadLine());
        }
    }

    [Fact]
    public void A_run_killed_midway_and_resumed_equals_one_run()
    {
        using var data = new RunFolder(ImageCount, "broken.png");
        string whole = data.File("whole.json");
        Assert.Equal(ExitCodes.PartlyFailed, CliRunner.Run(Localize(data, whole)).ExitCode);

        string output = data.File("killed.json");
        using (var process = CliProcess.Start(null, Localize(data, output)))
        {
            WaitForLines(process, 5);
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        int before = RunOutputFiles.FinishedImages(output).Length;
        Assert.InRange(before, 1, ImageCount);

        var resumed = CliRunner.Run(Localize(data, output, "--resume"));

        Assert.Equal(ExitCodes.PartlyFailed, resumed.ExitCode);
        int linesPrinted = resumed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        // Every image not finished before, the broken one (tried again) included.
        Assert.Equal(ImageCount + 1 - before, linesPrinted);
        var finished = RunOutputFiles.FinishedImages(output);
        Assert.Equal(ImageCount, finished.Length);
        Assert.Equal(finished.Length, finished.Distinct().Count());
        AssertSameMap(ReadMap(whole), ReadMap(output));
    }

    [Fact]
    public void A_journal_cut_mid_line_by_a_crash_is_repaired_on_resume()
    {
        using var data = new RunFolder(10);
        string output = data.File("preds.json");
        Assert.Equal(0, CliRunner.Run(Localize(data, output)).ExitCode);
        var expected = ReadMap(output);
        string journal = RunOutputFiles.PathOf(output);
        var lines = File.ReadAllLines(journal);
        // The header and four finished images, then the first half of the fifth image's line as a crash would leave it.
        File.WriteAllText(journal, string.Join('\n', lines.Take(5)) + "\n" + lines[5][..(lines[5].Length / 2)]);
        File.Delete(output);

        var resumed = CliRunner.Run(Localize(data, output, "--resume"));

        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(6, resumed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(10, RunOutputFiles.Images(output).Distinct().Count());
        Assert.Equal(10, RunOutputFiles.Images(output).Length);
        AssertSameMap(expected, ReadMap(output));
    }

    [Fact]
    public void Sigterm_stops_cleanly_and_writes_what_is_finished()
    {
        using var data = new RunFolder(ImageCount);
        string output = data.File("preds.json");
        using var process = CliProcess.Start(null, Localize(data, output));
        WaitForLines(process, 3);
        Assert.Equal(0, Signals.Send(process.Id, Signals.Sigterm));
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(130, process.ExitCode);
        var finished = RunOutputFiles.Images(output);
        Assert.InRange(finished.Length, 3, ImageCount - 1);
        Assert.Equal(finished.Order(StringComparer.Ordinal), ReadMap(output).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Shards_merged_equal_one_run()
    {
        using var data = new RunFolder(23);
        string whole = data.File("whole.json");
        Assert.Equal(0, CliRunner.Run(Localize(data, whole)).ExitCode);
        var parts = new List<string>();
        int printed = 0;
        for (int i = 0; i < 3; i++)
        {
            string part = data.File($"part{i}.json");
            var run = CliRunner.Run(Localize(data, part, "--shard", $"{i}/3"));
            Assert.Equal(0, run.ExitCode);
            printed += run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            parts.Add(part);
        }
        Assert.Equal(23, printed);

        string merged = data.File("merged.json");
        var merge = CliRunner.Run(["merge", .. parts, "--output", merged]);

        Assert.Equal(0, merge.ExitCode);
        AssertSameMap(ReadMap(whole), ReadMap(merged));
    }

    [Fact]
    public void Resume_without_output_is_bad_input()
    {
        using var data = new RunFolder(1);
        var run = CliRunner.Run(["localize", data.Images, "--model", Fixtures.TinyModel, "--resume", "--quiet"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--resume", run.Error);
    }

    [Theory]
    [InlineData("--shard", "3/3")]
    [InlineData("--shard", "x")]
    [InlineData("--visualize", "pred")]
    [InlineData("--visualize", "bogus")]
    public void Bad_run_options_are_bad_input(string option, string value)
    {
        using var data = new RunFolder(1);
        var run = CliRunner.Run(["localize", data.Images, "--model", Fixtures.TinyModel, option, value, "--quiet", .. option == "--visualize" && value == "bogus" ? new[] { "--vis-dir", data.File("vis") } : []]);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"lost: {option}: ", run.Error);
    }

    [Fact]
    public void Visualize_writes_the_pictures_of_each_image()
    {
        using var data = new RunFolder(2);
        string vis = data.File("vis");
        var run = CliRunner.Run(["localize", data.Images, "--model", Fixtures.TinyModel, "--visualize", "pred,seed_expansion", "--vis-dir", vis, "--quiet"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            ["LOST_img_0000.png", "LOST_img_0001.png", "LOST_seed_expansion_img_0000.png", "LOST_seed_expansion_img_0001.png"],
            Directory.GetFiles(vis).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_log_gets_one_line_per_image_as_stdout_does()
    {
        using var data = new RunFolder(4, "broken.png");
        string log = data.File("run.jsonl");
        var run = CliRunner.Run(["localize", data.Images, "--model", Fixtures.TinyModel, "--log", log, "--quiet"]);
        Assert.Equal(ExitCodes.PartlyFailed, run.ExitCode);
        Assert.Equal(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), File.ReadAllLines(log));
        Assert.Single(File.ReadAllLines(log), line => line.Contains("\"error\""));
    }

    [Fact]
    public void Without_a_terminal_progress_is_a_plain_line_and_quiet_silences_it()
    {
        using var data = new RunFolder(3, "broken.png");
        var shown = CliRunner.Run(["localize", data.Images, "--model", Fixtures.TinyModel]);
        var quiet = CliRunner.Run(["localize", data.Images, "--model", Fixtures.TinyModel, "--quiet"]);

        Assert.Equal(ExitCodes.PartlyFailed, shown.ExitCode);
        Assert.Contains("localize: 4/4 images (1 failed),", shown.Error);
        Assert.DoesNotContain("images (", quiet.Error);
        Assert.Contains("3 localized, 1 failed", quiet.Error);
    }
}
