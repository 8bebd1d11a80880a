using LostEngine.Cli;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Runs;

/// <summary>
/// A disk that fills up during a run: the run stops with one line naming the option whose file could not be
/// written, keeps every finished image in its journal, leaves no half-written file, and resumes once there is room.
/// </summary>
public sealed class DiskFullTests
{
    // A 4 KiB disk holds the journal's header and about 60 records: the run fills it well before its end.
    private const int ImageCount = 120;

    private static string LastErrorLine(CliRun run) => run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];

    [SmallFileSystemFact]
    public void A_full_disk_under_the_journal_stops_the_run_keeping_what_is_finished()
    {
        using var data = new RunFolder(ImageCount);
        string whole = data.File("whole.json");
        Assert.Equal(0, CliRunner.Run(data.Localize(whole)).ExitCode);
        using var disk = new SmallFileSystem(4);
        string output = disk.File("preds.json");

        var full = CliRunner.Run(data.Localize(output));

        Assert.Equal(ExitCodes.Failure, full.ExitCode);
        string line = LastErrorLine(full);
        Assert.StartsWith("lost: --output:", line);
        Assert.Contains("No space left on device", line);
        Assert.Contains("--resume", line);
        Assert.DoesNotContain("Exception", line);
        Assert.Empty(Directory.GetFiles(disk.Path, "*.partial"));
        int kept = RunOutputFiles.Images(output).Length;
        Assert.InRange(kept, 1, ImageCount - 1);

        disk.Resize(1024);
        var resumed = CliRunner.Run(data.Localize(output, "--resume"));

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(File.ReadAllText(whole), File.ReadAllText(output));
    }

    [SmallFileSystemFact]
    public void A_full_disk_under_the_log_stops_the_run_and_writes_the_map_of_what_is_finished()
    {
        using var data = new RunFolder(ImageCount);
        using var disk = new SmallFileSystem(4);
        string output = data.File("preds.json");

        var full = CliRunner.Run(data.Localize(output, "--log", disk.File("run.jsonl")));

        Assert.Equal(ExitCodes.Failure, full.ExitCode);
        string line = LastErrorLine(full);
        Assert.StartsWith("lost: --log:", line);
        Assert.Contains("No space left on device", line);
        var journal = RunOutputFiles.Images(output);
        Assert.InRange(journal.Length, 1, ImageCount - 1);
        Assert.Equal(journal.Order(StringComparer.Ordinal), RunOutputFiles.MapKeys(output));
    }

    [SmallFileSystemFact]
    public void A_full_disk_under_features_output_leaves_no_file()
    {
        using var disk = new SmallFileSystem(4);
        string output = disk.File("k.npy");

        var run = CliRunner.Run("features", Fixtures.Tiny("trained_224x224.png"), "--model", Fixtures.TinyModel, "--output", output);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        string line = LastErrorLine(run);
        Assert.StartsWith("lost: --output:", line);
        Assert.Contains("No space left on device", line);
        Assert.Empty(Directory.GetFiles(disk.Path));
    }

    [SmallFileSystemFact]
    public void A_full_disk_under_the_report_names_report()
    {
        using var data = new RunFolder(40);
        string root = EvaluateWithModelTests.MakeVoc(data, out _);
        string predictions = data.File("preds.json");
        Assert.Equal(0, CliRunner.Run("evaluate", "--dataset", "voc", "--root", root, "--model", Fixtures.TinyModel, "--output", predictions, "--quiet").ExitCode);
        using var disk = new SmallFileSystem(4);

        var run = CliRunner.Run("evaluate", "--dataset", "voc", "--root", root, "--predictions", predictions, "--report", disk.File("report.json"));

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        string line = LastErrorLine(run);
        Assert.StartsWith("lost: --report:", line);
        Assert.Contains("No space left on device", line);
        Assert.Empty(Directory.GetFiles(disk.Path));
    }
}
