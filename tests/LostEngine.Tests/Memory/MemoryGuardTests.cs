using LostEngine.Imaging;
using LostEngine.Memory;
using LostEngine.Model;
using LostEngine.Pipeline;
using LostEngine.Runs;
using LostEngine.Tests.Model;
using LostEngine.Tests.Runs;

namespace LostEngine.Tests.Memory;

/// <summary>
/// Before an image runs, the memory it needs is estimated (the attention matrices grow with the square of the
/// tokens); an image that cannot fit in what the process may use is refused with the estimate and a
/// <c>--max-side</c> hint, a failed image in a run rather than an allocation that takes the process down.
/// </summary>
public sealed class MemoryGuardTests
{
    private static readonly ModelInfo Tiny = new("tiny", PatchSize: 16, EmbedDim: 48, NumHeads: 3, Arch: "vit", ModelOutputs.Q | ModelOutputs.K | ModelOutputs.V | ModelOutputs.ClsAttention);

    private static long EstimateFor(int width, int height) =>
        MemoryEstimate.Bytes(Tiny, ModelOutputs.K, LocalizationMethod.Lost, ImagePreprocessor.PaddedSize(height, 16), ImagePreprocessor.PaddedSize(width, 16));

    [Fact]
    public void A_twelve_megapixel_photo_is_estimated_above_the_buffer_onnx_runtime_asked_for()
    {
        // The photo: 4000 x 3000 at patch 16 is 250 x 188 patches; ONNX Runtime asked for one 26.5 GB buffer.
        long tokens = 250L * 188 + 1;
        Assert.True(EstimateFor(4000, 3000) >= 3 * tokens * tokens * 4, "the estimate is below one attention buffer");
        Assert.True(EstimateFor(4000, 3000) > 26_500_000_000);
    }

    [Fact]
    public void The_estimate_grows_with_the_square_of_the_tokens()
    {
        long small = EstimateFor(320, 320) - EstimateFor(16, 16);
        long large = EstimateFor(640, 640) - EstimateFor(16, 16);
        // Four times the tokens: the attention term makes the difference grow more than eight-fold.
        Assert.True(large > 8 * small, $"{small} -> {large}");
    }

    [Fact]
    public void With_the_model_on_a_device_its_attention_is_not_counted_in_the_process()
    {
        long onHost = MemoryEstimate.Bytes(Tiny, ModelOutputs.K, LocalizationMethod.Lost, 3008, 4000);
        long onDevice = MemoryEstimate.Bytes(Tiny, ModelOutputs.K, LocalizationMethod.Lost, 3008, 4000, modelOnHost: false);
        long tokens = 250L * 188 + 1;
        Assert.True(onHost - onDevice >= 2 * 3 * tokens * tokens * 4);
        // What stays: the input, the bound keys and the kernel's workspace, well under a gigabyte.
        Assert.InRange(onDevice, 3L * 3008 * 4000 * 4, 1_000_000_000);
    }

    [Fact]
    public void An_image_that_cannot_fit_is_refused_with_the_estimate_and_a_max_side_hint()
    {
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel });
        long needed = EstimateFor(224, 224);
        localizer.MemoryBudget = () => new MemoryBudget(needed / 2, "available RAM");

        var error = Assert.Throws<ImageMemoryException>(() => localizer.LocalizeFile(Fixtures.Tiny("trained_224x224.png")));

        Assert.IsAssignableFrom<LostInputException>(error);
        Assert.Equal(needed, error.EstimatedBytes);
        Assert.Equal(needed / 2, error.AvailableBytes);
        Assert.Contains(Fixtures.Tiny("trained_224x224.png"), error.Message);
        Assert.Contains("available RAM", error.Message);
        Assert.Contains("--max-side", error.Message);
        Assert.NotNull(error.SuggestedMaxSide);
        Assert.InRange(error.SuggestedMaxSide!.Value, 16, 223);
        Assert.True(EstimateFor(error.SuggestedMaxSide.Value, error.SuggestedMaxSide.Value) <= needed / 2, "the suggested side does not fit");
    }

    [Fact]
    public void The_suggested_max_side_runs_within_the_same_budget()
    {
        long budget = EstimateFor(224, 224) / 2;
        int side;
        using (var refusing = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel }))
        {
            refusing.MemoryBudget = () => new MemoryBudget(budget, "available RAM");
            side = Assert.Throws<ImageMemoryException>(() => refusing.LocalizeFile(Fixtures.Tiny("trained_224x224.png"))).SuggestedMaxSide!.Value;
        }
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel, MaxSide = side });
        localizer.MemoryBudget = () => new MemoryBudget(budget, "available RAM");

        var result = localizer.LocalizeFile(Fixtures.Tiny("trained_224x224.png"));

        Assert.Equal(224, result.ImageWidth);
        Assert.Equal(side, result.ModelWidth);
    }

    [Fact]
    public void In_a_run_the_image_that_cannot_fit_fails_and_the_others_are_localized()
    {
        using var data = new RunFolder(0);
        File.Copy(Fixtures.Tiny("small_17x16.png"), Path.Combine(data.Images, "a.png"));
        File.Copy(Fixtures.Tiny("trained_224x224.png"), Path.Combine(data.Images, "b.png"));
        File.Copy(Fixtures.Tiny("odd_37x53.png"), Path.Combine(data.Images, "c.png"));
        var images = new[] { "a.png", "b.png", "c.png" }.Select(n => new RunImage(Path.Combine(data.Images, n), n)).ToList();
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel });
        localizer.MemoryBudget = () => new MemoryBudget(EstimateFor(224, 224) - 1, "the cgroup limit");
        var failures = new List<(string Key, string Reason)>();
        var sink = new FailureSink(failures);

        var summary = new DatasetRunner(localizer).Run(images, sink);

        Assert.Equal(2, summary.Localized);
        var (key, reason) = Assert.Single(failures);
        Assert.Equal("b.png", key);
        Assert.Contains("b.png", reason);
        Assert.Contains("the cgroup limit", reason);
        Assert.Contains("--max-side", reason);
    }

    [Fact]
    public void A_size_that_fitted_is_not_measured_again()
    {
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel });
        int asked = 0;
        localizer.MemoryBudget = () =>
        {
            asked++;
            return new MemoryBudget(long.MaxValue, "available RAM");
        };

        localizer.LocalizeFile(Fixtures.Tiny("wide_100x75.png"));
        localizer.LocalizeFile(Fixtures.Tiny("wide_100x75.png"));
        localizer.LocalizeFile(Fixtures.Tiny("small_17x16.png"));
        localizer.LocalizeFile(Fixtures.Tiny("trained_224x224.png"));

        Assert.Equal(2, asked);
    }

    private sealed class FailureSink(List<(string Key, string Reason)> failures) : IRunSink
    {
        public void Localized(RunImage image, in LocalizationResult result, RunFrame frame, LostLocalizer localizer)
        {
        }

        public void Failed(RunImage image, string reason) => failures.Add((image.Key, reason));
    }
}
