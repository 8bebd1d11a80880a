using System.Collections.Concurrent;
using System.Diagnostics;
using LostEngine.Imaging;
using LostEngine.Pipeline;
using Microsoft.ML.OnnxRuntime;

namespace LostEngine.Runs;

/// <summary>
/// Runs a list of image files through a <see cref="LostLocalizer"/> with decoding overlapped with inference:
/// a dedicated thread reads and decodes the next images into a small bounded queue of pooled frames while the
/// calling thread runs the model on the current one, so the model waits on the disk or the decoder only when
/// the decoder is truly slower. An image that fails is reported and the run goes on. Cancelling stops after
/// the image in flight, so every result handed to the sink is complete, and returns even when a read on the
/// decoding thread is blocked.
/// </summary>
public sealed class DatasetRunner
{
    /// <summary>Decoded images kept ready ahead of the model by default.</summary>
    public const int DefaultPrefetch = 4;

    // How long a stopped run waits for the decoding thread to finish its file before leaving it behind.
    private static readonly TimeSpan DecoderStopWait = TimeSpan.FromMilliseconds(250);

    private readonly LostLocalizer _localizer;
    private readonly int _prefetch;

    /// <summary>A runner over <paramref name="localizer"/> keeping up to <paramref name="prefetch"/> images decoded ahead.</summary>
    public DatasetRunner(LostLocalizer localizer, int prefetch = DefaultPrefetch)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (prefetch < 1 || prefetch > 64)
        {
            throw new LostInputException("prefetch", $"must be in [1, 64], got {prefetch}.");
        }
        _localizer = localizer;
        _prefetch = prefetch;
    }

    /// <summary>Reads and decodes one file on the decoding thread; tests stand in a read that blocks.</summary>
    internal Func<ImageDecoder, string, DecodedImage> ReadImage { get; init; } = static (decoder, path) => decoder.DecodeFile(path);

    /// <summary>Runs every image in order, handing each result to <paramref name="sink"/> on the calling thread.</summary>
    public RunSummary Run(IReadOnlyList<RunImage> images, IRunSink sink, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(sink);
        long start = Stopwatch.GetTimestamp();
        // One frame more than the queue holds: the model thread works on one while the queue is full.
        // Not disposed by scope: a decoder abandoned in a blocked read still uses them when the read returns.
        var free = new BlockingCollection<RunFrame>(_prefetch + 1);
        var ready = new BlockingCollection<RunFrame>(_prefetch);
        for (int i = 0; i < _prefetch + 1; i++)
        {
            free.Add(new RunFrame());
        }
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var decoder = new Thread(() => Decode(images, free, ready, stop.Token))
        {
            IsBackground = true,
            Name = "LostEngine decoder",
        };
        decoder.Start();

        int localized = 0, failed = 0;
        double modelMs = 0, waitMs = 0;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                long waitStart = Stopwatch.GetTimestamp();
                if (!ready.TryTake(out var frame, Timeout.Infinite, cancellation))
                {
                    break;
                }
                waitMs += Stopwatch.GetElapsedTime(waitStart).TotalMilliseconds;
                if (Process(frame, sink, ref modelMs))
                {
                    localized++;
                }
                else
                {
                    failed++;
                }
                free.Add(frame);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stopping between images is the requested outcome, not an error.
        }
        finally
        {
            stop.Cancel();
            // A read can block past any cancellation (a hung network file system): the run still returns, and
            // the decoder, a background thread, is left to end on its own when the read does.
            if (decoder.Join(DecoderStopWait))
            {
                free.Dispose();
                ready.Dispose();
                stop.Dispose();
            }
        }
        return new RunSummary(localized, failed, cancellation.IsCancellationRequested,
            Stopwatch.GetElapsedTime(start).TotalMilliseconds, modelMs, waitMs);
    }

    private bool Process(RunFrame frame, IRunSink sink, ref double modelMs)
    {
        if (frame.Error is { } decodeError)
        {
            sink.Failed(frame.Image, decodeError);
            return false;
        }
        LocalizationResult result;
        try
        {
            result = _localizer.Localize(frame.Pixels, frame.Width, frame.Height, frame.Stride, frame.Format, frame.Image.Path);
        }
        catch (Exception e) when (e is LostInputException or OnnxRuntimeException or OutOfMemoryException)
        {
            // One image the model cannot take (an absurd size, a runtime failure on it) must not end a
            // run of thousands; the sink records why.
            sink.Failed(frame.Image, e.Message);
            return false;
        }
        // The frame call measured no decode (the pixels were ready); the decoder thread's time is the real one.
        result = result with { Timings = result.Timings with { DecodeMs = frame.DecodeMs } };
        modelMs += result.Timings.ModelMs;
        sink.Localized(frame.Image, result, frame, _localizer);
        return true;
    }

    private void Decode(IReadOnlyList<RunImage> images, BlockingCollection<RunFrame> free, BlockingCollection<RunFrame> ready, CancellationToken stop)
    {
        var decoder = new ImageDecoder(_localizer.Options.PixelLimit);
        try
        {
            foreach (var image in images)
            {
                var frame = free.Take(stop);
                long start = Stopwatch.GetTimestamp();
                try
                {
                    var decoded = ReadImage(decoder, image.Path);
                    frame.Fill(image, decoded, decoder.Pixels, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Anything a file can make the decoder throw stays with that file: an exception
                    // escaping this thread would end the host process.
                    frame.Fail(image, e.Message, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                ready.Add(frame, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The model thread stopped; nothing more is wanted.
        }
        finally
        {
            ready.CompleteAdding();
        }
    }
}
