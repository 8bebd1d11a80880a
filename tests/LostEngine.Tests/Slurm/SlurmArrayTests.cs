using System.Text.Json;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Imaging;
using LostEngine.Tests.Model;
using LostEngine.Tests.Reference;
using LostEngine.Tests.Runs;

namespace LostEngine.Tests.Slurm;

[CollectionDefinition(nameof(SlurmCollection), DisableParallelization = true)]
public sealed class SlurmCollection;

/// <summary>
/// The job-array scripts of examples/slurm on a real SLURM cluster: parts run as array tasks, a task cancelled
/// midway and resubmitted alone, merged, give byte for byte the prediction map of one run. The class runs alone
/// (its collection disables parallelisation): the cancel must land while the task still has images ahead, and
/// its tasks' load must not reach other tests.
/// </summary>
[Collection(nameof(SlurmCollection))]
public sealed class SlurmArrayTests
{
    private const int Shards = 3;

    // 61 names in ordinal order: broken.png, then img_00..img_59; the split deals them round robin, so part 0
    // holds the broken image and part 1 twenty good ones.
    private const int GoodImages = 60;

    // At 1024 x 768 (3072 patches) the tiny model takes 0.06-0.1 s an image on one thread, so the cancelled task
    // still has most of its twenty images ahead when its journal gets its first line. With ten, a busy machine's
    // scancel once arrived after the task had finished them all.
    private const int Width = 1024, Height = 768;

    internal static string Script(string name) =>
        Path.Combine(ReferenceCaseFolder.RepositoryRoot!, "examples", "slurm", name);

    // The Release build the tests run from; the scripts split LOST at spaces.
    internal static Dictionary<string, string> LostCommand => new() { ["LOST"] = $"dotnet {CliProcess.LostDll}" };

    [SlurmFact]
    public void A_cancelled_task_resubmitted_alone_and_merged_gives_the_map_of_one_run()
    {
        var cluster = SlurmTestCluster.Open();
        using var folder = new TempFolder();
        string images = WriteImages(folder.File("images"));
        string single = folder.File("single.json");
        var whole = CliRunner.Run(["localize", images, "--model", Fixtures.TinyModel, "--output", single, "--quiet"]);
        string output = folder.File("out");
        string journal = Path.Combine(output, "part-1.json.journal.jsonl");
        string[] args = [images, Fixtures.TinyModel, output, $"{Shards}"];

        string job = cluster.Submit(Script("localize-array.sbatch"), "0-2", folder.Path, LostCommand, args);
        int interrupted;
        try
        {
            cluster.WaitWhileRunning(job, 1, () => Journal(journal).Count > 0, "a line in part 1's journal");
            cluster.Cancel(job, 1);
            var first = cluster.WaitForEnd(job, 0, 1, 2);

            Assert.True(first[1] == new SlurmTaskEnd("CANCELLED", 130), $"task 1: {first[1]}; {TaskOutput(folder.Path, job, 1)}");
            var finishedBefore = Journal(journal);
            interrupted = finishedBefore.Count;
            Assert.InRange(interrupted, 1, GoodImages / Shards - 1);
            // What was finished before the SIGTERM is in the part's map.
            Assert.Equal(finishedBefore.Where(entry => entry.Boxed).Select(entry => entry.Image).Order(StringComparer.Ordinal),
                MapKeys(Path.Combine(output, "part-1.json")));
            // Part 0 holds the broken image: its task ends with the exit status of the single run over all of them
            // (SLURM calls a batch job that exits other than 0 failed).
            var expected = new SlurmTaskEnd(whole.ExitCode == 0 ? "COMPLETED" : "FAILED", whole.ExitCode);
            Assert.True(first[0] == expected, $"task 0: {first[0]}, not {expected}; {TaskOutput(folder.Path, job, 0)}");
            Assert.True(first[2] == new SlurmTaskEnd("COMPLETED", 0), $"task 2: {first[2]}; {TaskOutput(folder.Path, job, 2)}");
        }
        finally
        {
            cluster.CancelAll(job);
        }

        string again = cluster.Submit(Script("localize-array.sbatch"), "1", folder.Path, LostCommand, args);
        var second = cluster.WaitForEnd(again, 1);

        Assert.True(second[1] == new SlurmTaskEnd("COMPLETED", 0), $"resubmitted task 1: {second[1]}; {TaskOutput(folder.Path, again, 1)}");
        // It ran only what the cancelled task had left.
        Assert.Equal(GoodImages / Shards - interrupted, ImageLines(folder.Path, again, 1));
        var finished = Journal(journal).Select(entry => entry.Image).ToArray();
        Assert.Equal(GoodImages / Shards, finished.Length);
        Assert.Equal(finished.Length, finished.Distinct().Count());
        var parts = Directory.GetFiles(output, "part-*.json");
        Assert.Equal(Shards, parts.Length);
        string all = folder.File("all.json");
        Assert.Equal(0, CliRunner.Run(["merge", .. parts, "--output", all]).ExitCode);
        Assert.Equal(File.ReadAllBytes(single), File.ReadAllBytes(all));
    }

    [SlurmFact]
    public void An_evaluate_array_merged_with_its_dataset_scores_as_one_run()
    {
        var cluster = SlurmTestCluster.Open();
        using var data = new RunFolder(9);
        string root = EvaluateWithModelTests.MakeVoc(data, out _);
        string[] dataset = ["--dataset", "voc", "--root", root];
        string single = data.File("single.json");
        var whole = CliRunner.Run(["evaluate", .. dataset, "--model", Fixtures.TinyModel, "--output", single, "--quiet"]);
        Assert.Equal(0, whole.ExitCode);
        string output = data.File("out");

        string job = cluster.Submit(Script("evaluate-array.sbatch"), "0-1", data.Path, LostCommand, [Fixtures.TinyModel, output, "2", .. dataset]);
        IReadOnlyDictionary<int, SlurmTaskEnd> ends;
        try
        {
            ends = cluster.WaitForEnd(job, 0, 1);
        }
        finally
        {
            cluster.CancelAll(job);
        }

        foreach (var (task, end) in ends)
        {
            Assert.True(end == new SlurmTaskEnd("COMPLETED", 0), $"task {task}: {end}; {TaskOutput(data.Path, job, task)}");
        }
        string all = data.File("all.json");
        var merged = CliRunner.Run(["merge", .. Directory.GetFiles(output, "part-*.json"), "--output", all, .. dataset]);
        Assert.Equal(0, merged.ExitCode);
        Assert.Equal(CorLocLine(whole.Output), CorLocLine(merged.Output));
        Assert.Equal(File.ReadAllBytes(single), File.ReadAllBytes(all));
    }

    /// <summary>
    /// <see cref="GoodImages"/> images of a bright textured rectangle on a dark ground, each at its own place, and
    /// one file that is not an image.
    /// </summary>
    private static string WriteImages(string folder)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(8);
        var pixels = new byte[Width * Height * 3];
        for (int i = 0; i < GoodImages; i++)
        {
            int x1 = random.Next(Width / 2), y1 = random.Next(Height / 2);
            int x2 = x1 + Width / 4 + random.Next(Width / 4), y2 = y1 + Height / 4 + random.Next(Height / 4);
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < Width; x++)
                {
                    bool inside = x >= x1 && x < x2 && y >= y1 && y < y2;
                    int p = (y * Width + x) * 3;
                    pixels[p] = (byte)(inside ? 150 + (x * 7 + y * 13) % 100 : 20);
                    pixels[p + 1] = (byte)(inside ? (x * 3 + y * 5) % 256 : 30);
                    pixels[p + 2] = (byte)(inside ? 90 : 40);
                }
            }
            File.WriteAllBytes(Path.Combine(folder, $"img_{i:D2}.png"), TestPng.Encode(Width, Height, TestPng.Rgb, pixels));
        }
        File.WriteAllText(Path.Combine(folder, "broken.png"), "this is not an image");
        return folder;
    }

    /// <summary>The journal's finished images, and whether each has a box; none while the task has not made it.</summary>
    private static List<(string Image, bool Boxed)> Journal(string path)
    {
        var entries = new List<(string, bool)>();
        // Only whole lines, as the task may be writing the next one, and only lines about an image.
        foreach (string line in File.Exists(path) ? File.ReadAllLines(path).Where(line => line.EndsWith('}')) : [])
        {
            using var record = JsonDocument.Parse(line);
            if (record.RootElement.TryGetProperty("image", out var image))
            {
                bool boxed = record.RootElement.TryGetProperty("box", out var box) && box.ValueKind == JsonValueKind.Array;
                entries.Add((image.GetString()!, boxed));
            }
        }
        return entries;
    }

    private static string[] MapKeys(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
    }

    private static string CorLocLine(string output) => output.Split('\n').Single(line => line.StartsWith("CorLoc "));

    private static string TaskOutputPath(string folder, string job, int task) => Path.Combine(folder, $"slurm-{job}_{task}.out");

    private static string TaskOutput(string folder, string job, int task)
    {
        string path = TaskOutputPath(folder, job, task);
        return File.Exists(path) ? $"its output:\n{File.ReadAllText(path)}" : $"no {path}";
    }

    /// <summary>The images a task ran: localize prints one JSON line for each.</summary>
    private static int ImageLines(string folder, string job, int task) =>
        File.ReadAllLines(TaskOutputPath(folder, job, task)).Count(line => line.StartsWith("{\"image\":"));
}
