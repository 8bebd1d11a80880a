using LostEngine.Pipeline;
using LostEngine.Runs;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Runs;

public sealed class DatasetRunnerTests
{
    private sealed class RecordingSink(Action<int>? afterEach = null) : IRunSink
    {
        public List<(string Key, LocalizationResult? Result, string? Error)> Seen { get; } = [];

        public void Localized(RunImage image, in LocalizationResult result, RunFrame frame, LostLocalizer localizer)
        {
            Assert.Equal(result.ImageWidth * 4, frame.Stride);
            Seen.Add((image.Key, result, null));
            afterEach?.Invoke(Seen.Count);
        }

        public void Failed(RunImage image, string reason)
        {
            Seen.Add((image.Key, null, reason));
            afterEach?.Invoke(Seen.Count);
        }
    }

    private static List<RunImage> ImagesOf(string folder) =>
        Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(p => new RunImage(p, Path.GetFileName(p))).ToList();

    [Fact]
    public void Results_arrive_in_list_order_and_equal_one_image_at_a_time()
    {
        using var data = new RunFolder(12, "img_0005b.png");
        var images = ImagesOf(data.Images);
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel });
        var sink = new RecordingSink();

        var summary = new DatasetRunner(localizer, prefetch: 2).Run(images, sink);

        Assert.Equal(images.Select(i => i.Key), sink.Seen.Select(s => s.Key));
        Assert.Equal(12, summary.Localized);
        Assert.Equal(1, summary.Failed);
        Assert.False(summary.Cancelled);
        var broken = Assert.Single(sink.Seen, s => s.Error is not null);
        Assert.Equal("img_0005b.png", broken.Key);
        Assert.Contains("img_0005b.png", broken.Error);
        foreach (var (key, result, _) in sink.Seen.Where(s => s.Error is null))
        {
            var alone = localizer.LocalizeFile(Path.Combine(data.Images, key));
            Assert.Equal(alone.Box, result!.Value.Box);
            Assert.Equal(alone.Seed, result.Value.Seed);
            Assert.True(result.Value.Timings.DecodeMs > 0, "the decoder thread's time must be reported");
        }
        Assert.InRange(summary.ModelBusyFraction, 0.0, 1.0);
        Assert.True(summary.ModelMs > 0);
    }

    [Fact]
    public void Cancelling_stops_after_the_image_in_flight()
    {
        using var data = new RunFolder(20);
        var images = ImagesOf(data.Images);
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel });
        using var stop = new CancellationTokenSource();
        var sink = new RecordingSink(seen => { if (seen == 3) { stop.Cancel(); } });

        var summary = new DatasetRunner(localizer).Run(images, sink, stop.Token);

        Assert.True(summary.Cancelled);
        Assert.Equal(3, summary.Localized);
        Assert.Equal(images.Take(3).Select(i => i.Key), sink.Seen.Select(s => s.Key));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void Prefetch_out_of_range_is_named(int prefetch)
    {
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel });
        var error = Assert.Throws<LostInputException>(() => new DatasetRunner(localizer, prefetch));
        Assert.Equal("prefetch", error.InputName);
    }
}
