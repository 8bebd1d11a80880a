using LostEngine.Clustering.Features;
using LostEngine.Clustering.Features.Crop;
using LostEngine.Evaluation;
using LostEngine.Imaging;
using LostEngine.IO;
using LostEngine.Memory;
using LostEngine.Model;
using LostEngine.Tests.Import;

namespace LostEngine.Tests.Clustering.Features;

/// <summary>
/// Box features against the reference: LOST's dataset transform, its crop, torchvision's resize and DINO's official
/// forward on the tiny model, normalised as cluster_for_OD.py does (tests/fixtures/clustering/features).
/// </summary>
public sealed class BoxFeatureExtractorTests : IClassFixture<BoxFeatureExtractorTests.LoadedModel>
{
    private readonly DinoModel _model;

    public BoxFeatureExtractorTests(LoadedModel model) => _model = model.Model;

    public static TheoryData<int> Extracted => FeatureFixtures.Indices(FeatureFixtures.Boxes().Where(c => c.Row is not null));

    public static TheoryData<int> Empty => FeatureFixtures.Indices(FeatureFixtures.Boxes().Where(c => c.Error is not null));

    [Theory]
    [MemberData(nameof(Extracted))]
    public void Equals_the_reference_feature(int index)
    {
        var c = FeatureFixtures.Boxes()[index];
        var expected = Row(c.Row!.Value);
        using var extractor = new BoxFeatureExtractor(_model);
        var feature = extractor.Extract(c.ImagePath, c.Box);
        OutputComparison.AssertClose(expected, feature, $"{c.Image} {c.Box} ({c.Why})");
        Assert.Equal(1.0, Math.Sqrt(feature.Sum(v => (double)v * v)), 5);
    }

    [Theory]
    [MemberData(nameof(Empty))]
    public void Fails_a_box_whose_crop_is_empty_with_its_rows_and_columns(int index)
    {
        var c = FeatureFixtures.Boxes()[index];
        using var extractor = new BoxFeatureExtractor(_model);
        var error = Assert.Throws<BoxCropException>(() => extractor.Extract(c.ImagePath, c.Box));
        Assert.StartsWith($"box {c.Box} of image '{c.ImagePath}': crops rows ", error.Message);
        Assert.Contains("nothing is left to describe", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Fails_a_box_with_a_coordinate_that_is_not_finite()
    {
        using var extractor = new BoxFeatureExtractor(_model);
        var box = new BoundingBox(1, double.NaN, 20, 30);
        var error = Assert.Throws<BoxCropException>(() => extractor.Extract(Model.Fixtures.Tiny("odd_37x53.png"), box));
        Assert.Equal($"box {box} of image '{Model.Fixtures.Tiny("odd_37x53.png")}': coordinate NaN is not a finite number.", error.Message);
    }

    [Fact]
    public void Refuses_a_thin_box_whose_resized_crop_needs_more_memory_than_is_left_and_runs_the_next()
    {
        using var extractor = new BoxFeatureExtractor(_model);
        string image = Model.Fixtures.Tiny("wide_100x75.png");
        // Two rows across the image: resized to 256 x 12,800 pixels, 12,800 tokens, about 4 GB of attention.
        var thin = new BoundingBox(0, 10, 100, 12);
        extractor.MemoryBudget = () => new MemoryBudget(1_000_000_000, "available RAM");
        var error = Assert.Throws<CropMemoryException>(() => extractor.Extract(image, thin));
        Assert.Contains("its 100x2 crop, resized to 12800x256 pixels (shorter side 256), needs about", error.Message);
        Assert.Contains("more than the 1 GB left under available RAM", error.Message);
        Assert.True(error.EstimatedBytes > 3_900_000_000, $"estimate {error.EstimatedBytes}");

        var c = FeatureFixtures.Boxes().First(b => b.Row is not null && b.Image == "wide_100x75");
        OutputComparison.AssertClose(Row(c.Row!.Value), extractor.Extract(c.ImagePath, c.Box), "the box after the refused one");
    }

    [Fact]
    public void Refuses_a_model_without_cls_embedding_and_says_how_to_export_it()
    {
        using var old = DinoModel.Load(Model.Fixtures.TinyModel);
        var error = Assert.Throws<ModelFormatException>(() => new BoxFeatureExtractor(old));
        Assert.StartsWith($"model '{Model.Fixtures.TinyModel}': has no output 'cls_embedding'", error.Message);
        Assert.Contains("python src/export/export_dino_onnx.py", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Extracts_all_in_order_lists_the_failures_reports_progress_and_writes_the_npy()
    {
        var cases = FeatureFixtures.Boxes();
        var requests = cases.Select(c => new BoxFeatureRequest(c.ImagePath, c.Box))
            .Append(new BoxFeatureRequest(Model.Fixtures.Tiny("missing.png"), new BoundingBox(0, 0, 5, 5)))
            .ToArray();
        var reports = new List<BoxFeatureProgress>();
        using var extractor = new BoxFeatureExtractor(_model);

        var set = extractor.ExtractAll(requests, new SynchronousProgress(reports.Add));

        var expectedRows = cases.Where(c => c.Row is not null).ToArray();
        Assert.Equal(expectedRows.Select(c => c.Index), set.Extracted);
        Assert.Equal(cases.Where(c => c.Error is not null).Select(c => c.Index).Append(cases.Count), set.Failures.Select(f => f.Index));
        Assert.Contains("does not exist", set.Failures[^1].Message);
        Assert.False(set.Cancelled);
        Assert.Equal(Enumerable.Range(1, requests.Length), reports.Select(r => r.Done));
        Assert.Equal(set.Failures.Count, reports[^1].Failed);
        Assert.Equal((expectedRows.Length, 48), (set.Features.GetLength(0), set.Features.GetLength(1)));

        string folder = Model.Fixtures.TempFolder();
        string path = Path.Combine(folder, "features.npy");
        set.WriteNpy(path);
        var written = NpyReader.Read(path);
        Assert.Equal([expectedRows.Length, 48], written.Shape);
        for (int r = 0; r < expectedRows.Length; r++)
        {
            OutputComparison.AssertClose(Row(expectedRows[r].Row!.Value), written.Values.AsSpan(r * 48, 48), $"row {r} of the .npy");
        }
        Directory.Delete(folder, true);
    }

    [Fact]
    public void Stops_between_boxes_when_cancelled_and_returns_what_was_done()
    {
        var ok = FeatureFixtures.Boxes().Where(c => c.Row is not null).Take(3).ToArray();
        var requests = ok.Select(c => new BoxFeatureRequest(c.ImagePath, c.Box)).ToArray();
        using var cancel = new CancellationTokenSource();
        using var extractor = new BoxFeatureExtractor(_model);

        var set = extractor.ExtractAll(requests, new SynchronousProgress(p =>
        {
            if (p.Done == 2)
            {
                cancel.Cancel();
            }
        }), cancel.Token);

        Assert.True(set.Cancelled);
        Assert.Equal([0, 1], set.Extracted);
        Assert.Empty(set.Failures);
        var second = new float[48];
        Buffer.BlockCopy(set.Features, 48 * sizeof(float), second, 0, 48 * sizeof(float));
        OutputComparison.AssertClose(Row(ok[1].Row!.Value), second, "the second row");
    }

    [Fact]
    public void Extracts_from_decoded_pixels_as_from_the_file()
    {
        var c = FeatureFixtures.Boxes().First(b => b.Row is not null && b.Image == "object_96x80");
        var decoder = new ImageDecoder();
        var image = decoder.DecodeFile(c.ImagePath);
        using var extractor = new BoxFeatureExtractor(_model);
        var feature = new float[extractor.Dim];
        extractor.Extract(decoder.Pixels, image.Width, image.Height, image.Stride, image.Format, c.Box, "frame", feature);
        Assert.Equal(extractor.Extract(c.ImagePath, c.Box), feature);
    }

    [Fact]
    public void Keeps_every_row_when_more_boxes_go_through_than_it_first_made_room_for()
    {
        var c = FeatureFixtures.Boxes().First(b => b.Row is not null && b.Image == "square_64x64");
        var requests = Enumerable.Repeat(new BoxFeatureRequest(c.ImagePath, c.Box), 150).ToArray();
        using var extractor = new BoxFeatureExtractor(_model);

        var set = extractor.ExtractAll(requests);

        Assert.Equal(Enumerable.Range(0, 150), set.Extracted);
        var expected = Row(c.Row!.Value);
        var row = new float[48];
        for (int r = 0; r < 150; r++)
        {
            Buffer.BlockCopy(set.Features, r * 48 * sizeof(float), row, 0, 48 * sizeof(float));
            OutputComparison.AssertClose(expected, row, $"row {r}");
        }
    }

    [Fact]
    public void Refuses_calls_after_dispose_and_leaves_the_model_usable()
    {
        var c = FeatureFixtures.Boxes().First(b => b.Row is not null);
        var extractor = new BoxFeatureExtractor(_model);
        extractor.Dispose();
        extractor.Dispose();
        Assert.Throws<ObjectDisposedException>(() => extractor.Extract(c.ImagePath, c.Box));
        using var again = new BoxFeatureExtractor(_model);
        OutputComparison.AssertClose(Row(c.Row!.Value), again.Extract(c.ImagePath, c.Box), "after another extractor was disposed");
    }

    private static float[] Row(int row) => FeatureFixtures.Npy("features.npy").Values.AsSpan(row * 48, 48).ToArray();

    private sealed class SynchronousProgress(Action<BoxFeatureProgress> report) : IProgress<BoxFeatureProgress>
    {
        public void Report(BoxFeatureProgress value) => report(value);
    }

    /// <summary>The tiny model with cls_embedding, loaded once for the class.</summary>
    public sealed class LoadedModel : IDisposable
    {
        public DinoModel Model { get; } = DinoModel.Load(FeatureFixtures.Model);

        public void Dispose() => Model.Dispose();
    }
}
