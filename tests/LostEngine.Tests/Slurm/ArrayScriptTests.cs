using System.Diagnostics;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;
using LostEngine.Tests.Runs;

namespace LostEngine.Tests.Slurm;

/// <summary>
/// The job-array scripts of examples/slurm run by bash as SLURM would run one task (its variables set), so that
/// every machine checks what they pass to lost; <see cref="SlurmArrayTests"/> runs them on a cluster.
/// </summary>
public sealed class ArrayScriptTests
{
    private static (int ExitCode, string Output, string Error) RunTask(string script, int? task, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SlurmArrayTests.Script(script));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["LOST"] = SlurmArrayTests.LostCommand["LOST"];
        start.Environment["SLURM_CPUS_ON_NODE"] = "1";
        if (task is int index)
        {
            start.Environment["SLURM_ARRAY_TASK_ID"] = $"{index}";
        }
        else
        {
            start.Environment.Remove("SLURM_ARRAY_TASK_ID");
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    private static int ImageLines(string output) => output.Split('\n').Count(line => line.StartsWith("{\"image\":"));

    [Theory]
    [InlineData("localize-array.sbatch")]
    [InlineData("evaluate-array.sbatch")]
    public void Outside_an_array_task_the_usage_is_bad_input(string script)
    {
        using var data = new RunFolder(1);
        var run = RunTask(script, task: null, data.Images, Fixtures.TinyModel, data.File("out"), "2");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("usage: sbatch --array=", Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(Directory.Exists(data.File("out")));
    }

    [Fact]
    public void A_task_run_again_resumes_its_part_and_takes_the_options_after_the_shards()
    {
        using var data = new RunFolder(5);
        string output = data.File("out");
        // --threads among the options replaces the script's own, which lost would refuse to take twice.
        string[] args = [data.Images, Fixtures.TinyModel, output, "2", "--threads", "1", "--quiet"];

        var first = RunTask("localize-array.sbatch", 1, args);
        var again = RunTask("localize-array.sbatch", 1, args);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(2, ImageLines(first.Output));
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(0, ImageLines(again.Output));
        Assert.Equal(["part-1.json", "part-1.json.journal.jsonl"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
