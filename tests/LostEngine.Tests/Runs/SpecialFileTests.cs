using System.Text.Json;
using LostEngine.Imaging;
using LostEngine.Pipeline;
using LostEngine.Runs;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Runs;

/// <summary>
/// Only regular files are opened: a FIFO among the images is a failed image with its reason, never a read that
/// waits for a writer that will not come; and a run stops on request even while a read is blocked.
/// </summary>
public sealed class SpecialFileTests
{
    [Fact]
    public void Decoding_a_fifo_fails_at_once_naming_it()
    {
        using var data = new RunFolder(0);
        string fifo = Path.Combine(data.Images, "x.jpg");
        SpecialFiles.MakeFifo(fifo);

        Assert.True(SpecialFiles.Finishes(() => new ImageDecoder().DecodeFile(fifo), out var thrown), "decoding a FIFO hung");

        var error = Assert.IsType<ImageDecodeException>(thrown);
        Assert.Equal(fifo, error.ImageName);
        Assert.Contains("not a regular file", error.Message);
        Assert.Contains("FIFO", error.Message);
    }

    [Fact]
    public void A_directory_given_as_an_image_is_named_as_one()
    {
        using var data = new RunFolder(0);
        var error = Assert.Throws<ImageDecodeException>(() => new ImageDecoder().DecodeFile(data.Images));
        Assert.Contains("directory", error.Message);
    }

    [Fact]
    public void A_fifo_among_the_images_is_a_failed_image_and_the_run_finishes()
    {
        using var data = new RunFolder(3);
        SpecialFiles.MakeFifo(Path.Combine(data.Images, "img_0001b.jpg"));
        string output = data.File("p.json");
        CliRun? run = null;

        Assert.True(SpecialFiles.Finishes(() => run = CliRunner.Run("localize", data.Images, "--model", Fixtures.TinyModel,
            "--output", output, "--quiet"), out var thrown), "the run hung on a FIFO");

        Assert.Null(thrown);
        // Finished, with one image failed.
        Assert.Equal(3, run!.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(4, lines.Length);
        var failed = Assert.Single(lines, l => l.TryGetProperty("error", out _));
        Assert.EndsWith("img_0001b.jpg", failed.GetProperty("image").GetString());
        Assert.Contains("FIFO", failed.GetProperty("error").GetString());
        using var map = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(["img_0000.png", "img_0001.png", "img_0002.png"], map.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Stopping_a_run_returns_while_a_read_is_blocked()
    {
        using var data = new RunFolder(3);
        var images = Directory.GetFiles(data.Images).Order(StringComparer.Ordinal).Select(p => new RunImage(p, Path.GetFileName(p))).ToList();
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel });
        using var release = new ManualResetEventSlim();
        using var stop = new CancellationTokenSource();
        var runner = new DatasetRunner(localizer, prefetch: 1)
        {
            // The second read blocks until the test ends, as a read from a hung network file system would.
            ReadImage = (decoder, path) =>
            {
                if (path != images[0].Path)
                {
                    release.Wait();
                }
                return decoder.DecodeFile(path);
            },
        };
        var sink = new CancellingSink(stop);
        RunSummary? summary = null;

        bool returned = SpecialFiles.Finishes(() => summary = runner.Run(images, sink, stop.Token), out var thrown);
        release.Set();

        Assert.True(returned, "the run did not return while a read was blocked");
        Assert.Null(thrown);
        Assert.True(summary!.Cancelled);
        Assert.Equal(1, summary.Localized);
        Assert.Equal([images[0].Key], sink.Seen);
    }

    private sealed class CancellingSink(CancellationTokenSource stop) : IRunSink
    {
        public List<string> Seen { get; } = [];

        public void Localized(RunImage image, in LocalizationResult result, RunFrame frame, LostLocalizer localizer)
        {
            Seen.Add(image.Key);
            stop.Cancel();
        }

        public void Failed(RunImage image, string reason) => Seen.Add(image.Key);
    }
}
