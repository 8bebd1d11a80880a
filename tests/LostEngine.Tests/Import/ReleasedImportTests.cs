using LostEngine.ModelImport;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Import;

/// <summary>
/// The import path end to end at the released sizes: a checkpoint in the released file layout, read by the
/// engine's own reader, written into the shipped template of its architecture, and run by ONNX Runtime, gives the keys,
/// CLS attention and CLS embedding the official model code computes with the same weights (within 1e-4 relative).
/// </summary>
public sealed class ReleasedImportTests
{
    public static TheoryData<string> Released => new(["dino-vits16", "dino-vitb8", "dinov2-vits14", "dinov2-vits14-reg"]);

    [Theory]
    [MemberData(nameof(Released))]
    public void An_imported_released_checkpoint_gives_the_official_outputs(string name)
    {
        string model = Path.Combine(Fixtures.TempFolder(), name + ".onnx");

        var result = CheckpointImport.Run(ReleasedCheckpoints.Path_(name), model);

        int prefix = ImportFixtures.Real(name).GetProperty("prefix_tokens").GetInt32();
        Assert.Equal(name, result.Written.TemplateName);
        Assert.Equal(prefix - 1, result.Architecture.RegisterTokens);
        Assert.Null(result.Written.ExternalDataPath);
        long weightBytes = 4 * ImportFixtures.OfficialStateDict(name).Values.Sum(shape => shape.Aggregate(1L, (product, size) => product * size));
        Assert.InRange(new FileInfo(model).Length, weightBytes, weightBytes + (4 << 20));
        var outputs = ModelRunner.Run(model, ReleasedCheckpoints.Image(name), result.Architecture.PatchSize);
        foreach (string output in new[] { "k", "cls_attention", "cls_embedding" })
        {
            var expected = ReleasedCheckpoints.Official(name, output);
            var (shape, values) = outputs[output];
            Assert.Equal(expected.Shape, shape[1..]);
            OutputComparison.AssertClose(expected.Values, values, $"{name} {output}");
        }
    }

    [Fact]
    public void External_data_gives_the_same_model_in_two_files()
    {
        const string name = "dinov2-vits14-reg";
        string folder = Fixtures.TempFolder();
        string model = Path.Combine(folder, "model.onnx");

        var result = CheckpointImport.Run(ReleasedCheckpoints.Path_(name), model, new CheckpointImportOptions { ExternalData = true });

        Assert.Equal(model + ".data", result.Written.ExternalDataPath);
        Assert.Equal(new[] { model, model + ".data" }, result.Files);
        Assert.True(new FileInfo(model).Length < 4 << 20, "the weights went to the data file");
        Assert.Equal(["model.onnx", "model.onnx.data"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var k = ModelRunner.Run(model, ReleasedCheckpoints.Image(name), 14)["k"];
        OutputComparison.AssertClose(ReleasedCheckpoints.Official(name, "k").Values, k.Values, "k from external data");
    }

    [Fact]
    public void A_cancelled_import_leaves_nothing_behind_in_either_stage()
    {
        string folder = Fixtures.TempFolder();
        foreach (var stage in new[] { CheckpointImportStage.Reading, CheckpointImportStage.Writing })
        {
            using var stop = new CancellationTokenSource();
            var reports = new List<CheckpointImportProgress>();
            var progress = new SynchronousProgress(value =>
            {
                reports.Add(value);
                if (value.Stage == stage)
                {
                    stop.Cancel();
                }
            });

            Assert.ThrowsAny<OperationCanceledException>(() => CheckpointImport.Run(ReleasedCheckpoints.Path_("dino-vits16"),
                Path.Combine(folder, "model.onnx"), new CheckpointImportOptions { Progress = progress, CancellationToken = stop.Token }));

            Assert.Contains(reports, r => r.Stage == stage);
            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }
    }

    [Fact]
    public void Progress_counts_every_byte_of_both_stages()
    {
        var reports = new List<CheckpointImportProgress>();
        string model = Path.Combine(Fixtures.TempFolder(), "model.onnx");

        var result = CheckpointImport.Run(ReleasedCheckpoints.Path_("dino-vits16"), model, new CheckpointImportOptions { Progress = new SynchronousProgress(reports.Add) });

        var reading = reports.Where(r => r.Stage == CheckpointImportStage.Reading).ToList();
        var writing = reports.Where(r => r.Stage == CheckpointImportStage.Writing).ToList();
        Assert.True(reading.Count > 1 && writing.Count > 1);
        Assert.Equal(reading[^1].Total, reading[^1].Done);
        Assert.Equal(writing[^1].Total, writing[^1].Done);
        Assert.Equal(result.Written.TotalBytes, writing[^1].Total);
        Assert.True(reports.IndexOf(reading[^1]) < reports.IndexOf(writing[0]), "reading finishes before writing starts");
        Assert.All(reports.Zip(reports.Skip(1)).Where(p => p.First.Stage == p.Second.Stage), p => Assert.True(p.Second.Done >= p.First.Done));
    }

    private sealed class SynchronousProgress(Action<CheckpointImportProgress> report) : IProgress<CheckpointImportProgress>
    {
        public void Report(CheckpointImportProgress value) => report(value);
    }
}
